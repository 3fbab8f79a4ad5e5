package berth.sqs;

import berth.platform.RecordTable.Versioned;
import berth.sqs.core.MoveTask;
import berth.sqs.core.Queue;
import berth.sqs.core.QueueNames;
import berth.sqs.journal.MessageBook;
import berth.sqs.state.QueueRecords;
import berth.store.VersionConflict;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass of the message move loop: every RUNNING task moves up to a second's worth of visible
 * messages (its rate) from its dead-letter queue to their source queues (or its destination), and
 * completes once it has moved as many as the queue held when it started or the queue is empty. A
 * task whose queue is gone fails. Progress is saved after each step, so a restart resumes.
 */
final class MessageMover {
    private static final Logger LOG = LoggerFactory.getLogger(MessageMover.class);

    private final QueueRecords records;
    private final MessageBook book;
    private final Clock clock;

    MessageMover(QueueRecords records, MessageBook book, Clock clock) {
        this.records = records;
        this.book = book;
        this.clock = clock;
    }

    Instant pass() {
        Instant next = clock.instant().plusSeconds(3600);
        for (Versioned<MoveTask> found : records.allTasks()) {
            MoveTask task = found.value();
            if (!task.running()) continue;
            MoveTask after = step(task);
            try {
                records.saveTask(after, found.version());
            } catch (VersionConflict cancelled) {
                continue;
            }
            if (after.running()) next = clock.instant().plusSeconds(1);
            else LOG.info("message move task {} from {} {}: {} moved", task.handle(), task.sourceArn(), after.status(), after.moved());
        }
        return next;
    }

    private MoveTask step(MoveTask task) {
        Optional<Queue> source = queue(task.sourceArn());
        if (source.isEmpty()) return task.ended(MoveTask.FAILED, "The source queue does not exist.");
        Optional<Queue> fixed = task.destinationArn().isEmpty() ? Optional.empty() : queue(task.destinationArn());
        if (!task.destinationArn().isEmpty() && fixed.isEmpty()) {
            return task.ended(MoveTask.FAILED, "The destination queue does not exist.");
        }
        long remaining = task.toMove() - task.moved();
        int batch = (int) Math.max(0, Math.min(task.rate(), remaining));
        int moved = batch == 0 ? 0 : book.move(source.get().storageId(), batch, message -> fixed.or(
                () -> queue(message.deadLetterSourceArn())).map(Queue::storageId));
        MoveTask after = task.progressed(moved);
        if (after.moved() >= after.toMove() || moved == 0) return after.ended(MoveTask.COMPLETED, "");
        return after;
    }

    private Optional<Queue> queue(String arn) {
        return QueueNames.fromArn(arn).flatMap(ref -> records.find(ref.scope(), ref.name())).map(Versioned::value);
    }
}
