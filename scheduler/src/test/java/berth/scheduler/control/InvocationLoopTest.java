package berth.scheduler.control;

import berth.store.testing.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;

import berth.aws.Scope;
import berth.platform.RecordTable.Versioned;
import berth.scheduler.core.Invocation;
import berth.scheduler.core.Schedule;
import berth.scheduler.core.Target;
import berth.scheduler.state.SchedulerRecords;
import berth.store.Store;
import berth.store.Stores;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scheduler's loop over a real embedded store, its clock set by the test: an occurrence is
 * committed once however often (and across however many restarts) the pass runs, a failed attempt
 * stays committed for its retry, a retry policy that is spent removes it, and a fired at() schedule
 * under ActionAfterCompletion DELETE is gone in the same commit. This berth has no IAM or ECS
 * running, so every attempt fails as a target that is not reachable (retryable) does.
 */
class InvocationLoopTest {
    private static final Instant START = Instant.parse("2030-05-01T12:00:00Z");
    private static final Scope SCOPE = new Scope("123456789012", "us-east-1");

    @TempDir
    Path dir;

    private static Schedule schedule(String name, String expression, int retries, String after) {
        Target target = new Target(Target.Kind.SQS_SEND_MESSAGE, "arn:aws:sqs:us-east-1:123456789012:q",
                "arn:aws:iam::123456789012:role/r", "{}", 3600, retries, "", "", "", "{}");
        return new Schedule(SCOPE.accountId(), SCOPE.region(), "default", name,
                "arn:aws:scheduler:us-east-1:123456789012:schedule/default/" + name, "", expression, "UTC",
                START.toEpochMilli(), 0, Schedule.State.ENABLED, 0, after, "", target, START.toEpochMilli(),
                START.toEpochMilli() - 60_000, START.toEpochMilli() - 60_000, START.toEpochMilli() - 60_000, "");
    }

    private static InvocationLoop loop(SchedulerRecords records, Clock clock) {
        return new InvocationLoop(records, new TargetInvoker(Optional::empty, key -> Optional.empty(), Optional::empty,
                Optional::empty, clock), clock);
    }

    private static List<Invocation> invocations(SchedulerRecords records) {
        return records.invocations().stream().map(Versioned::value).toList();
    }

    @Test
    void anOccurrenceIsCommittedOnceAcrossPassesAndRestartsAndWaitsForItsRetry() {
        ManualClock clock = new ManualClock(START);
        clock.set(START.plusSeconds(1));
        try (Store store = Stores.open("", dir)) {
            SchedulerRecords records = new SchedulerRecords(store);
            records.saveSchedule(schedule("every-minute", "rate(1 minute)", 5, "NONE"), Store.ABSENT);
            loop(records, clock).pass();
            loop(records, clock).pass();

            assertThat(invocations(records)).singleElement().satisfies(i -> {
                assertThat(i.scheduledMillis()).isEqualTo(START.toEpochMilli());
                assertThat(i.attempts()).isEqualTo(1);
                assertThat(i.lastErrorCode()).isEqualTo("ServiceUnavailable");
                assertThat(i.nextAttemptMillis()).isEqualTo(START.plusSeconds(2).toEpochMilli());
            });
        }
        try (Store store = Stores.open("", dir)) {
            SchedulerRecords records = new SchedulerRecords(store);
            loop(records, clock).pass();
            assertThat(invocations(records)).as("after a restart, the same occurrence is not committed again").hasSize(1);

            clock.set(START.plusSeconds(61));
            loop(records, clock).pass();
            assertThat(invocations(records)).extracting(Invocation::scheduledMillis)
                    .containsExactly(START.toEpochMilli(), START.plusSeconds(60).toEpochMilli());
            assertThat(invocations(records).get(0).attempts()).as("retried once more when due").isEqualTo(2);
            assertThat(records.schedule(SCOPE, "default", "every-minute").orElseThrow().value().cursorMillis())
                    .isEqualTo(START.plusSeconds(60).toEpochMilli());
        }
    }

    @Test
    void aSpentRetryPolicyRemovesTheInvocationAndDeleteRemovesAFiredAtSchedule() {
        ManualClock clock = new ManualClock(START);
        try (Store store = Stores.open("", dir)) {
            SchedulerRecords records = new SchedulerRecords(store);
            records.saveSchedule(schedule("once", "at(2030-05-01T12:00:00)", 0, "DELETE"), Store.ABSENT);
            records.saveSchedule(schedule("kept", "at(2030-05-01T12:00:00)", 0, "NONE"), Store.ABSENT);
            clock.set(START.minusSeconds(1));
            loop(records, clock).pass();
            assertThat(invocations(records)).isEmpty();

            clock.set(START);
            loop(records, clock).pass();

            assertThat(invocations(records)).as("no retries allowed: given up, no dead-letter queue").isEmpty();
            assertThat(records.schedule(SCOPE, "default", "once")).isEmpty();
            assertThat(records.schedule(SCOPE, "default", "kept")).isPresent();
        }
    }
}
