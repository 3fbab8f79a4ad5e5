package berth.scheduler.control;

import berth.aws.delivery.DeliveryRetries;
import berth.platform.RecordTable.Versioned;
import berth.scheduler.core.Invocation;
import berth.scheduler.core.InvocationPlanner;
import berth.scheduler.core.Schedule;
import berth.scheduler.state.SchedulerRecords;
import berth.store.VersionConflict;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass of the scheduler, level-triggered: commits each schedule's due occurrence as an invocation
 * (with the schedule's advanced cursor, or its deletion after its last occurrence under
 * ActionAfterCompletion DELETE, in the same commit), then attempts every invocation whose time has come,
 * retrying with backoff until the retry policy gives up, then sending the dead-letter event. An
 * invocation is removed only after its target took it or it was given up, so a restart resumes it.
 */
final class InvocationLoop {
    private static final Logger LOG = LoggerFactory.getLogger(InvocationLoop.class);
    static final Duration POLL = Duration.ofMillis(500);

    private final SchedulerRecords records;
    private final TargetInvoker invoker;
    private final Clock clock;

    InvocationLoop(SchedulerRecords records, TargetInvoker invoker, Clock clock) {
        this.records = records;
        this.invoker = invoker;
        this.clock = clock;
    }

    Instant pass() {
        Instant now = clock.instant();
        Instant next = now.plus(POLL);
        for (Versioned<Schedule> versioned : records.allSchedules()) {
            commitDue(versioned, now);
        }
        for (Versioned<Invocation> versioned : records.invocations()) {
            if (versioned.value().nextAttemptMillis() <= now.toEpochMilli()) {
                attempt(versioned, now);
            } else if (versioned.value().nextAttemptMillis() < next.toEpochMilli()) {
                next = Instant.ofEpochMilli(versioned.value().nextAttemptMillis());
            }
        }
        for (Versioned<Schedule> versioned : records.allSchedules()) {
            try {
                Optional<Instant> due = InvocationPlanner.nextDue(versioned.value(), next);
                if (due.isPresent() && due.get().isBefore(next)) next = due.get();
            } catch (RuntimeException e) {
                // reported by commitDue
            }
        }
        return next;
    }

    private void commitDue(Versioned<Schedule> versioned, Instant now) {
        Schedule schedule = versioned.value();
        Optional<InvocationPlanner.Firing> firing;
        try {
            firing = InvocationPlanner.due(schedule, now);
        } catch (RuntimeException e) {
            LOG.warn("schedule {} cannot be evaluated: {}", schedule.arn(), e.getMessage());
            return;
        }
        try {
            if (firing.isEmpty()) {
                if (schedule.deleteAfterCompletion() && InvocationPlanner.completed(schedule, now)) {
                    records.deleteSchedule(schedule, versioned.version());
                    LOG.info("schedule {} completed (past its EndDate) and was deleted", schedule.arn());
                }
                return;
            }
            InvocationPlanner.Firing f = firing.get();
            long scheduled = f.scheduled().toEpochMilli();
            Invocation invocation = new Invocation(schedule.accountId(), schedule.region(), schedule.group(), schedule.name(),
                    schedule.arn(), UUID.randomUUID().toString(), scheduled, f.due().toEpochMilli(), 0, f.due().toEpochMilli(),
                    schedule.target(), "", "");
            boolean delete = f.last() && schedule.deleteAfterCompletion();
            records.commitInvocation(invocation, schedule.withCursor(scheduled), versioned.version(), delete);
            LOG.info("schedule {} invocation {} committed for {} (due {}){}", schedule.arn(), invocation.id(), f.scheduled(),
                    f.due(), delete ? "; schedule deleted after its last invocation" : "");
        } catch (VersionConflict e) {
            // changed by an API call or another pass: the next pass re-reads it
        }
    }

    private void attempt(Versioned<Invocation> versioned, Instant now) {
        Invocation invocation = versioned.value();
        Optional<DeliveryRetries.Failure> failure = invoker.invoke(invocation);
        try {
            if (failure.isEmpty()) {
                records.deleteInvocation(invocation, versioned.version());
                LOG.info("schedule {} invocation {} delivered to {}", invocation.scheduleArn(), invocation.id(),
                        invocation.target().arn());
                return;
            }
            DeliveryRetries.Failure f = failure.get();
            DeliveryRetries.AfterFailure next = InvocationPlanner.afterFailure(invocation, f.retryable(), now);
            Invocation failed = invocation.failed(f.code(), f.message(), next instanceof DeliveryRetries.Retry r
                    ? r.at().toEpochMilli() : now.toEpochMilli());
            switch (next) {
                case DeliveryRetries.Retry retry -> {
                    records.saveInvocation(failed, versioned.version());
                    LOG.info("schedule {} invocation {} failed ({}: {}); retry at {}", invocation.scheduleArn(),
                            invocation.id(), f.code(), f.message(), retry.at());
                }
                case DeliveryRetries.GiveUp giveUp -> {
                    String outcome = "dropped (no dead-letter queue)";
                    if (!invocation.target().deadLetterArn().isEmpty()) {
                        Optional<DeliveryRetries.Failure> dlq = invoker.deadLetter(failed, giveUp.condition());
                        outcome = dlq.map(d -> "dead-letter event not delivered (" + d.code() + ": " + d.message() + ")")
                                .orElse("dead-letter event sent to " + invocation.target().deadLetterArn());
                    }
                    records.deleteInvocation(invocation, versioned.version());
                    LOG.info("schedule {} invocation {} failed ({}: {}), gave up ({}); {}", invocation.scheduleArn(),
                            invocation.id(), f.code(), f.message(), giveUp.condition(), outcome);
                }
            }
        } catch (VersionConflict e) {
            // another pass got there first
        }
    }
}
