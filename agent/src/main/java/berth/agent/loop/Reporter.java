package berth.agent.loop;

import berth.agent.core.ContainerStateReport;
import berth.agent.core.LocalTaskState;
import berth.agent.core.TaskReport;
import berth.agentwire.TaskObservation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends state changes and observations to the control plane, one task's in the order they were
 * decided, several tasks' side by side. A report the control plane accepts updates the task's state
 * so it is not decided again; one that fails is dropped and waits out a growing back-off, after which
 * the loop, still seeing it unreported, decides it again: retries without a queue that goes stale.
 */
final class Reporter {

    private static final Logger LOG = LoggerFactory.getLogger(Reporter.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
    private static final Duration PERMANENT_BACKOFF = Duration.ofSeconds(30);

    /** What the loop hears back. */
    interface Listener {
        void update(String taskArn, UnaryOperator<LocalTaskState> change);

        void wake();
    }

    private record Item(String key, String taskArn, Runnable send, UnaryOperator<LocalTaskState> onSuccess,
                        String description) {}

    private final ControlPlane controlPlane;
    private final Clock clock;
    private final Listener listener;
    private final Map<String, Deque<Item>> queues = new HashMap<>();
    private final Set<String> pending = new HashSet<>();
    private final Map<String, Instant> retryAfter = new HashMap<>();
    private final Map<String, Integer> attempts = new HashMap<>();

    Reporter(ControlPlane controlPlane, Clock clock, Listener listener) {
        this.controlPlane = controlPlane;
        this.clock = clock;
        this.listener = listener;
    }

    void submit(TaskReport report) {
        enqueue(new Item("task|" + report.taskArn() + "|" + report.status(), report.taskArn(),
                () -> controlPlane.submitTaskStateChange(report), l -> l.reported(report),
                "task " + report.taskArn() + " " + report.status()
                        + (report.reason().isEmpty() ? "" : " (" + report.reason() + ")")));
    }

    void submit(ContainerStateReport report) {
        var c = report.container();
        enqueue(new Item("container|" + report.taskArn() + "|" + c.containerName() + "|" + c.status() + "|"
                + c.exitCode() + "|" + c.runtimeId(), report.taskArn(),
                () -> controlPlane.submitContainerStateChange(report), l -> l.containerReported(c),
                "container " + c.containerName() + " of task " + report.taskArn() + " " + c.status()
                        + c.exitCode().map(e -> " (exit " + e + ")").orElse("")));
    }

    void submit(TaskObservation observation) {
        enqueue(new Item("observation|" + observation.taskArn() + "|" + observation.hashCode(), observation.taskArn(),
                () -> controlPlane.observe(observation), l -> l.observed(observation),
                "observation of task " + observation.taskArn()));
    }

    private void enqueue(Item item) {
        boolean startDrainer;
        synchronized (this) {
            if (retryAfter.size() > 1000) {
                // back-offs of reports nobody decides any more (their tasks are gone) are forgotten
                Instant now = clock.instant();
                retryAfter.values().removeIf(after -> now.isAfter(after.plus(MAX_BACKOFF)));
                attempts.keySet().retainAll(retryAfter.keySet());
            }
            Instant after = retryAfter.get(item.key());
            if (pending.contains(item.key()) || (after != null && clock.instant().isBefore(after))) {
                return;
            }
            pending.add(item.key());
            Deque<Item> queue = queues.get(item.taskArn());
            startDrainer = queue == null;
            if (startDrainer) {
                queue = new ArrayDeque<>();
                queues.put(item.taskArn(), queue);
            }
            queue.add(item);
        }
        if (startDrainer) {
            Thread.ofVirtual().name("report-" + item.taskArn().substring(item.taskArn().lastIndexOf('/') + 1))
                    .start(() -> drain(item.taskArn()));
        }
    }

    private void drain(String taskArn) {
        while (true) {
            Item item;
            synchronized (this) {
                Deque<Item> queue = queues.get(taskArn);
                item = queue.poll();
                if (item == null) {
                    queues.remove(taskArn);
                    return;
                }
            }
            send(item);
        }
    }

    private void send(Item item) {
        try {
            item.send().run();
            synchronized (this) {
                pending.remove(item.key());
                retryAfter.remove(item.key());
                attempts.remove(item.key());
            }
            LOG.info("reported {}", item.description());
            listener.update(item.taskArn(), item.onSuccess());
        } catch (ControlPlaneException e) {
            synchronized (this) {
                pending.remove(item.key());
                int n = attempts.merge(item.key(), 1, Integer::sum);
                Duration backoff = e.permanent() ? PERMANENT_BACKOFF
                        : FIRST_BACKOFF.multipliedBy(1L << Math.min(n - 1, 6));
                retryAfter.put(item.key(), clock.instant().plus(backoff.compareTo(MAX_BACKOFF) > 0 && !e.permanent()
                        ? MAX_BACKOFF : backoff));
            }
            LOG.warn("could not report {} (will retry): {}", item.description(), e.getMessage());
        } catch (RuntimeException e) {
            synchronized (this) {
                pending.remove(item.key());
                retryAfter.put(item.key(), clock.instant().plus(PERMANENT_BACKOFF));
            }
            LOG.warn("could not report {}", item.description(), e);
        }
        listener.wake();
    }
}
