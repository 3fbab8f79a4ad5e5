package berth.sqs.journal;

import berth.sqs.core.Message;
import berth.sqs.core.QueueState;
import berth.sqs.core.Receipt;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The messages of every queue: each queue's {@link QueueState} in memory, every change journaled
 * before it is acknowledged. One lock orders all changes (they are quick; the journal's force happens
 * after the lock is released and is shared by everyone waiting for it), and long-polling receivers
 * wait on their queue's condition until a message arrives or one of theirs becomes visible.
 *
 * <p>A queue's storage id says its kind: {@code f…} for FIFO, {@code s…} for standard.
 */
public final class MessageBook implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(MessageBook.class);

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, QueueState> states = new HashMap<>();
    private final Map<String, Condition> arrivals = new HashMap<>();
    private final MessageJournal journal;
    private final Clock clock;
    private final ExecutorService compactions = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "sqs-journal-compaction");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * A message to send, as checked: visible from {@code visibleAt}; {@code dedupKey} empty unless FIFO.
     * Its sequence is given when it is sent.
     */
    public record Sending(Message message, long visibleAt, String dedupKey) {}

    /** What a send stored: the message's id and sequence (an earlier message's, for a FIFO duplicate). */
    public record Sent(String messageId, long sequence) {}

    /** Where a source queue's dead letters go. */
    public record DeadLetterTarget(String storageId, String sourceArn, int maxReceiveCount) {}

    private MessageBook(Path dir, Clock clock) throws IOException {
        this.clock = clock;
        this.journal = MessageJournal.open(dir, this::replay);
    }

    public static MessageBook open(Path dir, Clock clock) throws IOException {
        return new MessageBook(dir, clock);
    }

    public static boolean fifoStorage(String storageId) {
        return storageId.startsWith("f");
    }

    private void replay(JournalRecord record) {
        switch (record) {
            case JournalRecord.Sent s -> state(s.storageId()).applySend(s.message(), s.visibleAt(), s.dedupKey(), Long.MIN_VALUE);
            case JournalRecord.Received r -> state(r.storageId()).applyReceive(r.messageId(), r.receiveCount(), r.visibleAt(),
                    r.firstReceiveAt(), r.receipt());
            case JournalRecord.Visibility v -> state(v.storageId()).applyVisibility(v.messageId(), v.visibleAt());
            case JournalRecord.Removed r -> state(r.storageId()).applyRemove(r.messageId());
            case JournalRecord.Purged p -> state(p.storageId()).applyPurge();
            case JournalRecord.Dropped d -> states.remove(d.storageId());
            case JournalRecord.Restored r -> state(r.storageId()).applySnapshot(r.snapshot());
            case JournalRecord.Deduplicated d -> state(d.storageId()).applyDedup(d.entry());
        }
    }

    private QueueState state(String storageId) {
        return states.computeIfAbsent(storageId, id -> new QueueState(fifoStorage(id)));
    }

    private Condition arrival(String storageId) {
        return arrivals.computeIfAbsent(storageId, id -> lock.newCondition());
    }

    /** Sends messages to one queue; FIFO duplicates within the window are not stored again. Durable on return. */
    public List<Sent> send(String storageId, List<Sending> batch) {
        long now = clock.millis();
        List<Sent> sent = new ArrayList<>();
        List<JournalRecord> records = new ArrayList<>();
        long mark;
        lock.lock();
        try {
            QueueState state = state(storageId);
            for (Sending sending : batch) {
                if (!sending.dedupKey().isEmpty()) {
                    Optional<QueueState.Dedup> earlier = state.deduplicate(sending.dedupKey(), now);
                    if (earlier.isPresent()) {
                        sent.add(new Sent(earlier.get().messageId(), earlier.get().sequence()));
                        continue;
                    }
                }
                Message message = sending.message().withSequence(state.nextSequence());
                state.applySend(message, sending.visibleAt(), sending.dedupKey(), now);
                records.add(new JournalRecord.Sent(storageId, message, sending.visibleAt(), sending.dedupKey()));
                sent.add(new Sent(message.id(), message.sequence()));
            }
            mark = journal(records);
            arrival(storageId).signalAll();
        } finally {
            lock.unlock();
        }
        durable(mark);
        return sent;
    }

    /** Reads one queue's state under the lock. */
    public <T> T withQueue(String storageId, java.util.function.Function<QueueState, T> read) {
        lock.lock();
        try {
            return read.apply(state(storageId));
        } finally {
            lock.unlock();
        }
    }

    /**
     * Receives up to {@code max} messages, waiting up to {@code waitMillis} for the first; messages
     * received too often go to {@code deadLetters} instead (when given). Durable on return.
     */
    public List<QueueState.Delivery> receive(String storageId, int max, long visibilityMillis, long waitMillis,
                                             Optional<DeadLetterTarget> deadLetters) {
        long deadline = clock.millis() + waitMillis;
        long mark;
        List<QueueState.Delivery> delivered;
        lock.lock();
        try {
            while (true) {
                long now = clock.millis();
                QueueState state = state(storageId);
                int maxReceives = deadLetters.map(DeadLetterTarget::maxReceiveCount).orElse(0);
                QueueState.ReceiveOutcome outcome = state.receive(now, max, visibilityMillis, maxReceives);
                List<JournalRecord> records = new ArrayList<>();
                for (QueueState.Delivery d : outcome.delivered()) {
                    records.add(new JournalRecord.Received(storageId, d.message().id(), d.receiveCount(),
                            now + visibilityMillis, d.firstReceiveAt(), d.receipt()));
                }
                if (!outcome.deadLettered().isEmpty()) {
                    DeadLetterTarget target = deadLetters.orElseThrow();
                    QueueState dlq = state(target.storageId());
                    for (Message message : outcome.deadLettered()) {
                        records.add(new JournalRecord.Removed(storageId, message.id()));
                        Message moved = message.movedTo(dlq.nextSequence(), target.sourceArn());
                        dlq.applySend(moved, now, "", now);
                        records.add(new JournalRecord.Sent(target.storageId(), moved, now, ""));
                    }
                    arrival(target.storageId()).signalAll();
                }
                if (!outcome.delivered().isEmpty() || (now >= deadline && records.isEmpty())) {
                    mark = journal(records);
                    delivered = outcome.delivered();
                    break;
                }
                if (!records.isEmpty()) {
                    journal(records);
                    continue;
                }
                long wake = Math.min(deadline, state.nextVisibleAt());
                try {
                    arrival(storageId).await(Math.max(1, wake - now), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    mark = journal(List.of());
                    delivered = List.of();
                    break;
                }
            }
        } finally {
            lock.unlock();
        }
        durable(mark);
        return delivered;
    }

    /** Deletes the message a receipt names; whether it was still in the queue. Durable on return. */
    public boolean delete(Receipt receipt) {
        return deleteAll(receipt.storageId(), List.of(receipt.messageId())) == 1;
    }

    /** Deletes messages by id; how many were there. Durable on return. */
    public int deleteAll(String storageId, List<String> messageIds) {
        long mark;
        int removed = 0;
        lock.lock();
        try {
            QueueState state = state(storageId);
            List<JournalRecord> records = new ArrayList<>();
            for (String id : messageIds) {
                if (state.applyRemove(id)) {
                    removed++;
                    records.add(new JournalRecord.Removed(storageId, id));
                }
            }
            mark = journal(records);
        } finally {
            lock.unlock();
        }
        durable(mark);
        return removed;
    }

    /** Changes the visibility of the in-flight message a receipt names. Durable on return. */
    public QueueState.VisibilityChange changeVisibility(Receipt receipt, long visibilityMillis) {
        long mark;
        QueueState.VisibilityChange change;
        lock.lock();
        try {
            long now = clock.millis();
            change = state(receipt.storageId()).changeVisibility(receipt.messageId(), receipt.receipt(), now, now + visibilityMillis);
            List<JournalRecord> records = change == QueueState.VisibilityChange.CHANGED
                    ? List.of(new JournalRecord.Visibility(receipt.storageId(), receipt.messageId(), now + visibilityMillis))
                    : List.of();
            mark = journal(records);
            if (visibilityMillis == 0) arrival(receipt.storageId()).signalAll();
        } finally {
            lock.unlock();
        }
        durable(mark);
        return change;
    }

    public void purge(String storageId) {
        long mark;
        lock.lock();
        try {
            state(storageId).applyPurge();
            mark = journal(List.of(new JournalRecord.Purged(storageId)));
        } finally {
            lock.unlock();
        }
        durable(mark);
    }

    /** Forgets a deleted queue's messages. */
    public void drop(String storageId) {
        long mark;
        lock.lock();
        try {
            if (states.remove(storageId) == null) return;
            Condition waiting = arrivals.remove(storageId);
            if (waiting != null) waiting.signalAll();
            mark = journal(List.of(new JournalRecord.Dropped(storageId)));
        } finally {
            lock.unlock();
        }
        durable(mark);
    }

    /**
     * Moves up to {@code max} visible messages of one queue to the queues {@code destination} names
     * for each (a storage id; empty leaves the message), in one durable step; how many moved.
     */
    public int move(String storageId, int max, java.util.function.Function<Message, Optional<String>> destination) {
        long mark;
        int moved = 0;
        lock.lock();
        try {
            long now = clock.millis();
            QueueState source = state(storageId);
            List<JournalRecord> records = new ArrayList<>();
            for (Message message : source.visible(now, max)) {
                Optional<String> target = destination.apply(message);
                if (target.isEmpty() || target.get().equals(storageId)) continue;
                QueueState into = state(target.get());
                source.applyRemove(message.id());
                Message placed = message.movedTo(into.nextSequence(), "");
                into.applySend(placed, now, "", now);
                records.add(new JournalRecord.Removed(storageId, message.id()));
                records.add(new JournalRecord.Sent(target.get(), placed, now, ""));
                arrival(target.get()).signalAll();
                moved++;
            }
            mark = journal(records);
        } finally {
            lock.unlock();
        }
        durable(mark);
        return moved;
    }

    public QueueState.Counts counts(String storageId) {
        return withQueue(storageId, state -> state.counts(clock.millis()));
    }

    /** The storage ids that hold messages (or a history), for dropping those whose queue is gone. */
    public List<String> storageIds() {
        lock.lock();
        try {
            return List.copyOf(states.keySet());
        } finally {
            lock.unlock();
        }
    }

    /** Removes every message and the journal's files: berth's reset. */
    public void clear() throws IOException {
        lock.lock();
        try {
            states.clear();
            arrivals.values().forEach(Condition::signalAll);
            arrivals.clear();
            journal.clear();
        } finally {
            lock.unlock();
        }
    }

    /** Appends under the lock; starts a compaction when one is due. */
    private long journal(List<JournalRecord> records) {
        try {
            long mark = journal.append(records);
            if (journal.compactionDue()) {
                long sealed = journal.startCompaction();
                long now = clock.millis();
                List<JournalRecord> snapshot = new ArrayList<>();
                states.forEach((id, state) -> {
                    state.snapshot().forEach(s -> snapshot.add(new JournalRecord.Restored(id, s)));
                    state.dedupEntries(now).forEach(d -> snapshot.add(new JournalRecord.Deduplicated(id, d)));
                });
                compactions.execute(() -> {
                    try {
                        journal.finishCompaction(sealed, snapshot);
                    } catch (IOException | RuntimeException e) {
                        LOG.warn("message journal compaction failed; the segments stay", e);
                    }
                });
            }
            return mark;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the message journal", e);
        }
    }

    private void durable(long mark) {
        try {
            journal.awaitDurable(mark);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot force the message journal", e);
        }
    }

    @Override
    public void close() throws IOException {
        compactions.shutdown();
        try {
            compactions.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        journal.close();
    }
}
