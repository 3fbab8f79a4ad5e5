package berth.sqs.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;

/**
 * The messages of one queue and where each stands: visible, delayed, or in flight until a time.
 * Decisions ({@link #receive}, {@link #changeVisibility}, {@link #deduplicate}) take the time as a
 * parameter and return what they decided; the same changes can be replayed from the journal with
 * the {@code apply…} methods, which decide nothing. Not thread-safe: the owner serialises access.
 *
 * <p>Standard queues hand out visible messages in send order from a ready set, hidden ones waiting in
 * a heap by the time they become visible. FIFO queues hand out, in sequence order, the messages of
 * groups that have none in flight.
 */
public final class QueueState {
    /** How long a FIFO deduplication id (or receive attempt) is remembered. */
    public static final long DEDUP_WINDOW_MILLIS = 5 * 60 * 1000;

    private final boolean fifo;
    private final Map<String, Slot> byId = new HashMap<>();
    private final TreeMap<Long, Slot> bySequence = new TreeMap<>();
    private final TreeMap<Long, Slot> ready = new TreeMap<>();
    private final PriorityQueue<Hidden> hidden = new PriorityQueue<>((a, b) -> Long.compare(a.until, b.until));
    private final Map<String, Dedup> dedup = new HashMap<>();
    private final ArrayDeque<Dedup> dedupOrder = new ArrayDeque<>();
    private long nextSequence = 1;
    private long nextReceipt = 1;

    /** Where one message stands. */
    private static final class Slot {
        final Message message;
        long visibleAt;
        int receiveCount;
        long firstReceiveAt;
        long receipt;

        Slot(Message message, long visibleAt) {
            this.message = message;
            this.visibleAt = visibleAt;
        }
    }

    private record Hidden(Slot slot, long until) {}

    /** A remembered deduplication id and the message it let through. */
    public record Dedup(String key, String messageId, long sequence, long expiresAt) {}

    /** A message as handed out by a receive: what the receiver is told. */
    public record Delivery(Message message, int receiveCount, long firstReceiveAt, long receipt, long visibleAt) {}

    /** What a receive decided: messages delivered, and messages to move to the dead-letter queue instead. */
    public record ReceiveOutcome(List<Delivery> delivered, List<Message> deadLettered) {}

    /** A message's state, for journal snapshots. */
    public record Snapshot(Message message, long visibleAt, int receiveCount, long firstReceiveAt, long receipt) {}

    /** How many messages are where, as the {@code Approximate…} attributes report them. */
    public record Counts(long visible, long inFlight, long delayed, long oldestSentAtMillis) {}

    public QueueState(boolean fifo) {
        this.fifo = fifo;
    }

    public boolean fifo() {
        return fifo;
    }

    public int size() {
        return byId.size();
    }

    /** The next sequence number to give a message sent now. */
    public long nextSequence() {
        return nextSequence;
    }

    public long nextReceipt() {
        return nextReceipt;
    }

    // ---- decisions ------------------------------------------------------------------------------

    /**
     * Whether a FIFO send is a duplicate of one within the window: the message it duplicates, if so.
     * A send that is not a duplicate should be followed by {@link #applySend} with the same key.
     */
    public Optional<Dedup> deduplicate(String key, long now) {
        expireDedup(now);
        return Optional.ofNullable(dedup.get(key));
    }

    /** Hands out up to {@code max} messages visible at {@code now}, hidden until {@code now + visibilityMillis}. */
    public ReceiveOutcome receive(long now, int max, long visibilityMillis, int maxReceiveCount) {
        promote(now);
        List<Slot> chosen = fifo ? chooseFifo(now, max, maxReceiveCount) : chooseStandard(max, maxReceiveCount);
        List<Delivery> delivered = new ArrayList<>();
        List<Message> deadLettered = new ArrayList<>();
        for (Slot slot : chosen) {
            if (maxReceiveCount > 0 && slot.receiveCount >= maxReceiveCount) {
                applyRemove(slot.message.id());
                deadLettered.add(slot.message);
                continue;
            }
            long first = slot.firstReceiveAt == 0 ? now : slot.firstReceiveAt;
            long receipt = nextReceipt;
            applyReceive(slot.message.id(), slot.receiveCount + 1, now + visibilityMillis, first, receipt);
            delivered.add(new Delivery(slot.message, slot.receiveCount, first, receipt, slot.visibleAt));
        }
        return new ReceiveOutcome(delivered, deadLettered);
    }

    private List<Slot> chooseStandard(int max, int maxReceiveCount) {
        List<Slot> chosen = new ArrayList<>();
        int delivering = 0;
        for (Slot slot : ready.values()) {
            if (delivering >= max) break;
            chosen.add(slot);
            if (maxReceiveCount == 0 || slot.receiveCount < maxReceiveCount) delivering++;
        }
        return chosen;
    }

    private List<Slot> chooseFifo(long now, int max, int maxReceiveCount) {
        List<Slot> chosen = new ArrayList<>();
        Set<String> blocked = new HashSet<>();
        int delivering = 0;
        for (Slot slot : bySequence.values()) {
            if (delivering >= max) break;
            String group = slot.message.groupId();
            if (blocked.contains(group)) continue;
            if (slot.visibleAt > now) {
                blocked.add(group);
                continue;
            }
            chosen.add(slot);
            if (maxReceiveCount == 0 || slot.receiveCount < maxReceiveCount) delivering++;
        }
        return chosen;
    }

    /** The outcome of a visibility change. */
    public enum VisibilityChange { CHANGED, NOT_IN_FLIGHT, STALE_RECEIPT }

    /** Makes an in-flight message visible at {@code visibleAt}, if {@code receipt} is its latest receipt. */
    public VisibilityChange changeVisibility(String messageId, long receipt, long now, long visibleAt) {
        Slot slot = byId.get(messageId);
        if (slot == null || slot.receiveCount == 0 || slot.visibleAt <= now) return VisibilityChange.NOT_IN_FLIGHT;
        if (slot.receipt != receipt) return VisibilityChange.STALE_RECEIPT;
        applyVisibility(messageId, visibleAt);
        return VisibilityChange.CHANGED;
    }

    /** The ids of messages sent before {@code cutoffMillis}, which retention removes. */
    public List<String> expiredBefore(long cutoffMillis) {
        List<String> expired = new ArrayList<>();
        for (Slot slot : bySequence.values()) {
            if (slot.message.sentAtMillis() < cutoffMillis) expired.add(slot.message.id());
        }
        return expired;
    }

    /** Up to {@code max} messages visible at {@code now}, oldest first, for a move task to take. */
    public List<Message> visible(long now, int max) {
        promote(now);
        List<Message> out = new ArrayList<>();
        for (Slot slot : (fifo ? bySequence : ready).values()) {
            if (out.size() >= max) break;
            if (slot.visibleAt <= now) out.add(slot.message);
        }
        return out;
    }

    /** When the next hidden message becomes visible; {@code Long.MAX_VALUE} when none is hidden. */
    public long nextVisibleAt() {
        while (!hidden.isEmpty() && stale(hidden.peek())) hidden.poll();
        return hidden.isEmpty() ? Long.MAX_VALUE : hidden.peek().until;
    }

    public Counts counts(long now) {
        promote(now);
        long visible = 0;
        long inFlight = 0;
        long delayed = 0;
        long oldest = 0;
        for (Slot slot : bySequence.values()) {
            if (oldest == 0 || slot.message.sentAtMillis() < oldest) oldest = slot.message.sentAtMillis();
            if (slot.visibleAt <= now) visible++;
            else if (slot.receiveCount > 0) inFlight++;
            else delayed++;
        }
        return new Counts(visible, inFlight, delayed, oldest);
    }

    public Optional<Message> message(String id) {
        return Optional.ofNullable(byId.get(id)).map(slot -> slot.message);
    }

    public List<String> messageIds() {
        return bySequence.values().stream().map(slot -> slot.message.id()).toList();
    }

    public List<Snapshot> snapshot() {
        return bySequence.values().stream()
                .map(s -> new Snapshot(s.message, s.visibleAt, s.receiveCount, s.firstReceiveAt, s.receipt)).toList();
    }

    public List<Dedup> dedupEntries(long now) {
        expireDedup(now);
        return List.copyOf(dedupOrder);
    }

    // ---- changes, decided here or replayed from the journal ---------------------------------------

    public void applySend(Message message, long visibleAt, String dedupKey, long now) {
        Slot slot = new Slot(message, visibleAt);
        byId.put(message.id(), slot);
        bySequence.put(message.sequence(), slot);
        nextSequence = Math.max(nextSequence, message.sequence() + 1);
        place(slot, now);
        if (!dedupKey.isEmpty()) applyDedup(new Dedup(dedupKey, message.id(), message.sequence(), message.sentAtMillis()
                + DEDUP_WINDOW_MILLIS));
    }

    /** Restores a message's whole state (journal snapshots). */
    public void applySnapshot(Snapshot snapshot) {
        applySend(snapshot.message(), snapshot.visibleAt(), "", 0);
        applyReceive(snapshot.message().id(), snapshot.receiveCount(), snapshot.visibleAt(), snapshot.firstReceiveAt(),
                snapshot.receipt());
    }

    public void applyDedup(Dedup entry) {
        if (dedup.put(entry.key(), entry) == null) dedupOrder.addLast(entry);
    }

    public void applyReceive(String messageId, int receiveCount, long visibleAt, long firstReceiveAt, long receipt) {
        Slot slot = byId.get(messageId);
        nextReceipt = Math.max(nextReceipt, receipt + 1);
        if (slot == null) return;
        slot.receiveCount = receiveCount;
        slot.firstReceiveAt = firstReceiveAt;
        slot.receipt = receipt;
        reposition(slot, visibleAt);
    }

    public void applyVisibility(String messageId, long visibleAt) {
        Slot slot = byId.get(messageId);
        if (slot != null) reposition(slot, visibleAt);
    }

    /** Removes a message; whether it was there. */
    public boolean applyRemove(String messageId) {
        Slot slot = byId.remove(messageId);
        if (slot == null) return false;
        bySequence.remove(slot.message.sequence());
        ready.remove(slot.message.sequence());
        return true;
    }

    public void applyPurge() {
        byId.clear();
        bySequence.clear();
        ready.clear();
        hidden.clear();
    }

    // ---- bookkeeping ------------------------------------------------------------------------------

    private void reposition(Slot slot, long visibleAt) {
        ready.remove(slot.message.sequence());
        slot.visibleAt = visibleAt;
        place(slot, Long.MIN_VALUE);
    }

    /** Puts a slot among the ready or the hidden; {@code now} of {@code Long.MIN_VALUE} hides any future time. */
    private void place(Slot slot, long now) {
        if (fifo) {
            if (slot.visibleAt > now) hidden.add(new Hidden(slot, slot.visibleAt));
            return;
        }
        if (slot.visibleAt <= now) ready.put(slot.message.sequence(), slot);
        else hidden.add(new Hidden(slot, slot.visibleAt));
    }

    private void promote(long now) {
        while (!hidden.isEmpty() && hidden.peek().until <= now) {
            Hidden next = hidden.poll();
            if (!stale(next) && !fifo) ready.put(next.slot.message.sequence(), next.slot);
        }
    }

    private boolean stale(Hidden entry) {
        Slot current = byId.get(entry.slot.message.id());
        return current != entry.slot || entry.slot.visibleAt != entry.until;
    }

    private void expireDedup(long now) {
        while (!dedupOrder.isEmpty() && dedupOrder.peekFirst().expiresAt() <= now) {
            Dedup gone = dedupOrder.pollFirst();
            dedup.remove(gone.key(), gone);
        }
    }
}
