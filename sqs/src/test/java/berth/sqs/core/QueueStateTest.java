package berth.sqs.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A queue's decisions at given moments, without a clock or a sleep: delays, visibility timeouts and
 * their changes, receive counts and dead-lettering, FIFO group order and the deduplication window.
 */
class QueueStateTest {
    private static final long T0 = 1_000_000L;

    private static Message send(QueueState queue, String id, String group, long now, long delayMillis, String dedup) {
        Message message = new Message(id, "body of " + id, Map.of(), "", "sender", now, group, dedup, queue.nextSequence(), "");
        queue.applySend(message, now + delayMillis, dedup, now);
        return message;
    }

    private static List<String> ids(QueueState.ReceiveOutcome outcome) {
        return outcome.delivered().stream().map(d -> d.message().id()).toList();
    }

    @Test
    void delayedMessagesWaitAndReceivedOnesHideUntilTheirVisibilityTimeout() {
        QueueState queue = new QueueState(false);
        send(queue, "a", "", T0, 0, "");
        send(queue, "b", "", T0, 0, "");
        send(queue, "late", "", T0, 5_000, "");

        assertThat(ids(queue.receive(T0, 10, 30_000, 0))).containsExactly("a", "b");
        assertThat(queue.counts(T0)).isEqualTo(new QueueState.Counts(0, 2, 1, T0));
        assertThat(ids(queue.receive(T0 + 4_999, 10, 30_000, 0))).isEmpty();
        assertThat(ids(queue.receive(T0 + 5_000, 10, 30_000, 0))).containsExactly("late");

        var again = queue.receive(T0 + 30_000, 10, 30_000, 0);
        assertThat(ids(again)).as("visible again once the timeout ran out").containsExactly("a", "b");
        assertThat(again.delivered()).allSatisfy(d -> {
            assertThat(d.receiveCount()).isEqualTo(2);
            assertThat(d.firstReceiveAt()).isEqualTo(T0);
        });
    }

    @Test
    void visibilityChangesNeedTheLatestReceiptOfAMessageInFlight() {
        QueueState queue = new QueueState(false);
        send(queue, "a", "", T0, 0, "");
        long first = queue.receive(T0, 1, 10_000, 0).delivered().get(0).receipt();
        assertThat(queue.changeVisibility("a", first, T0 + 1, T0 + 1)).isEqualTo(QueueState.VisibilityChange.CHANGED);
        long second = queue.receive(T0 + 2, 1, 10_000, 0).delivered().get(0).receipt();
        assertThat(second).isNotEqualTo(first);
        assertThat(queue.changeVisibility("a", first, T0 + 3, T0 + 3)).isEqualTo(QueueState.VisibilityChange.STALE_RECEIPT);
        assertThat(queue.changeVisibility("a", second, T0 + 20_000, T0 + 20_000))
                .as("visible again: no longer in flight").isEqualTo(QueueState.VisibilityChange.NOT_IN_FLIGHT);
        assertThat(queue.changeVisibility("nobody", second, T0, T0)).isEqualTo(QueueState.VisibilityChange.NOT_IN_FLIGHT);
    }

    @Test
    void aMessageReceivedMaxReceiveCountTimesGoesToTheDeadLetterQueueOnTheNextReceive() {
        QueueState queue = new QueueState(false);
        send(queue, "poison", "", T0, 0, "");
        send(queue, "fine", "", T0, 0, "");
        long now = T0;
        for (int i = 0; i < 2; i++, now += 1_000) {
            assertThat(ids(queue.receive(now, 1, 500, 2))).containsExactly("poison");
        }
        var outcome = queue.receive(now, 1, 500, 2);
        assertThat(outcome.deadLettered()).extracting(Message::id).containsExactly("poison");
        assertThat(ids(outcome)).as("the receive still fills its batch").containsExactly("fine");
        assertThat(queue.message("poison")).isEmpty();
    }

    @Test
    void fifoGroupsDeliverInOrderOneBatchInFlightAtATimeAndDeduplicateForFiveMinutes() {
        QueueState queue = new QueueState(true);
        send(queue, "a1", "A", T0, 0, "d-a1");
        send(queue, "a2", "A", T0, 0, "d-a2");
        send(queue, "b1", "B", T0, 0, "d-b1");

        assertThat(ids(queue.receive(T0, 1, 30_000, 0))).containsExactly("a1");
        assertThat(ids(queue.receive(T0, 10, 30_000, 0))).as("group A waits for a1").containsExactly("b1");
        queue.applyRemove("a1");
        assertThat(ids(queue.receive(T0 + 1, 10, 30_000, 0))).containsExactly("a2");

        assertThat(queue.deduplicate("d-a1", T0 + QueueState.DEDUP_WINDOW_MILLIS - 1))
                .hasValueSatisfying(d -> assertThat(d.messageId()).isEqualTo("a1"));
        assertThat(queue.deduplicate("d-a1", T0 + QueueState.DEDUP_WINDOW_MILLIS)).isEmpty();
        assertThat(queue.deduplicate("never-sent", T0)).isEmpty();
    }
}
