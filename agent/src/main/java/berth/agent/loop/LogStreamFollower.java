package berth.agent.loop;

import berth.agent.runtime.ContainerLogLine;
import berth.agent.runtime.ContainerObservation;
import berth.agent.runtime.EventSubscription;
import berth.agent.runtime.Runtime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogStream;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException;

/**
 * One container's output shipped to one log stream: lines are buffered and sent with PutLogEvents
 * every {@link #FLUSH_EVERY}, sooner when a full batch is waiting; each flush sends everything
 * buffered, in batches within PutLogEvents' limits (10,000 events, 1 MiB counting 26 bytes per
 * event), and a failed batch stays first in line for the next flush. When the container's output
 * ends, what is left is sent before the follower ends. A follower that starts again for a container
 * (after an agent restart) continues after the stream's last event: lines stamped at or before that
 * millisecond are taken as sent. A stream the agent opened itself before the container started
 * ({@code fresh}) is followed from the container's first line without asking the service.
 */
final class LogStreamFollower {

    private static final Logger LOG = LoggerFactory.getLogger(LogStreamFollower.class);
    private static final Duration FLUSH_EVERY = Duration.ofMillis(500);
    private static final int MAX_BATCH_EVENTS = 10_000;
    private static final int MAX_BATCH_BYTES = 1_048_576;
    private static final int EVENT_OVERHEAD_BYTES = 26;
    /** Buffered events beyond which new lines are dropped (and counted) while PutLogEvents keeps failing. */
    private static final int MAX_BUFFERED = 20 * MAX_BATCH_EVENTS;

    /** How a follower ended: its container's output delivered, its stream not ready, or stopped early. */
    enum Outcome { SHIPPED, NOT_PREPARED, INTERRUPTED }

    private static final int FINAL_FLUSH_TRIES = 3;

    private final CloudWatchLogsClient logs;
    /** Signs the calls as the task's execution role, when it has one ({@link ExecutionRole}). */
    private final java.util.function.Consumer<AwsRequestOverrideConfiguration.Builder> asRole;
    private final Runtime runtime;
    private final ContainerObservation container;
    private final String group;
    private final String stream;
    private final boolean createGroup;
    private final boolean fresh;
    private final java.util.function.Consumer<Outcome> onEnd;
    private final List<InputLogEvent> buffer = new ArrayList<>();
    private volatile boolean ended;
    private volatile boolean closed;
    private volatile EventSubscription subscription;
    /** Lines stamped at or before this were shipped by an earlier follower of the same stream. */
    private volatile long resumeAfterMillis = Long.MIN_VALUE;
    private final java.util.concurrent.Semaphore fullBatch = new java.util.concurrent.Semaphore(0);
    private long dropped;

    LogStreamFollower(CloudWatchLogsClient logs, Runtime runtime, ContainerObservation container,
                      berth.agent.core.AwsLogsDestination destination, String stream, boolean fresh,
                      java.util.function.Consumer<AwsRequestOverrideConfiguration.Builder> asRole,
                      java.util.function.Consumer<Outcome> onEnd) {
        this.logs = logs;
        this.asRole = asRole;
        this.runtime = runtime;
        this.container = container;
        this.group = destination.group();
        this.stream = stream;
        this.createGroup = destination.createGroup();
        this.fresh = fresh;
        this.onEnd = onEnd;
    }

    void start() {
        Thread.ofVirtual().name("awslogs-" + container.name()).start(this::run);
    }

    private void run() {
        try {
            if (!fresh) {
                prepare();
            }
        } catch (SdkException e) {
            LOG.warn("cannot ship logs of {} to {}:{} (trying again later): {}", container.name(), group, stream,
                    e.getMessage());
            onEnd.accept(Outcome.NOT_PREPARED);
            return;
        }
        Instant since = resumeAfterMillis == Long.MIN_VALUE ? container.startedAt().orElse(Instant.EPOCH)
                : Instant.ofEpochMilli(resumeAfterMillis);
        try {
            subscription = runtime.followLogs(container.id(), since, this::accept, () -> ended = true);
        } catch (RuntimeException e) {
            LOG.warn("cannot follow the output of {}: {}", container.name(), e.getMessage());
            onEnd.accept(Outcome.INTERRUPTED);
            return;
        }
        while (!ended) {
            try {
                if (fullBatch.tryAcquire(FLUSH_EVERY.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    fullBatch.drainPermits();
                }
            } catch (InterruptedException e) {
                break;
            }
            flush();
        }
        for (int attempt = 0; attempt < FINAL_FLUSH_TRIES && !flush(); attempt++) {
            try {
                Thread.sleep(FLUSH_EVERY.multipliedBy(attempt + 1));
            } catch (InterruptedException e) {
                break;
            }
        }
        synchronized (buffer) {
            dropped += buffer.size();
            buffer.clear();
        }
        if (dropped > 0) {
            LOG.warn("{} lines of {} were not shipped to {}:{}", dropped, container.name(), group, stream);
        }
        onEnd.accept(closed ? Outcome.INTERRUPTED : Outcome.SHIPPED);
    }

    private void prepare() {
        if (createGroup) {
            try {
                logs.createLogGroup(b -> b.logGroupName(group).overrideConfiguration(asRole));
            } catch (ResourceAlreadyExistsException exists) {
                LOG.debug("log group {} exists", group);
            }
        }
        try {
            logs.createLogStream(b -> b.logGroupName(group).logStreamName(stream).overrideConfiguration(asRole));
        } catch (ResourceAlreadyExistsException exists) {
            List<LogStream> found = logs.describeLogStreams(b -> b.logGroupName(group).logStreamNamePrefix(stream)
                    .overrideConfiguration(asRole))
                    .logStreams();
            found.stream().filter(s -> s.logStreamName().equals(stream) && s.lastEventTimestamp() != null)
                    .findFirst().ifPresent(s -> resumeAfterMillis = s.lastEventTimestamp());
        }
    }

    private void accept(ContainerLogLine line) {
        long at = line.timestamp().toEpochMilli();
        synchronized (buffer) {
            if (at <= resumeAfterMillis) {
                return;
            }
            if (buffer.size() >= MAX_BUFFERED) {
                dropped++;
                return;
            }
            buffer.add(InputLogEvent.builder().timestamp(at).message(line.text().isEmpty() ? " " : line.text()).build());
            if (buffer.size() == MAX_BATCH_EVENTS) {
                fullBatch.release();
            }
        }
    }

    /**
     * Sends everything buffered; stops at the first batch PutLogEvents refuses, which stays first.
     * True when nothing is left.
     */
    private synchronized boolean flush() {
        while (true) {
            List<InputLogEvent> batch = nextBatch();
            if (batch.isEmpty()) {
                return true;
            }
            batch.sort(Comparator.comparingLong(InputLogEvent::timestamp));
            try {
                logs.putLogEvents(b -> b.logGroupName(group).logStreamName(stream).logEvents(batch)
                        .overrideConfiguration(asRole));
            } catch (SdkException e) {
                LOG.warn("could not ship {} lines of {} to {}:{}: {}", batch.size(), container.name(), group, stream,
                        e.getMessage());
                synchronized (buffer) {
                    buffer.addAll(0, batch);
                }
                return false;
            }
        }
    }

    /** Takes the oldest buffered events that fit one PutLogEvents call. */
    private List<InputLogEvent> nextBatch() {
        synchronized (buffer) {
            int count = 0;
            long bytes = 0;
            while (count < buffer.size() && count < MAX_BATCH_EVENTS) {
                long size = buffer.get(count).message().getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                        + EVENT_OVERHEAD_BYTES;
                if (count > 0 && bytes + size > MAX_BATCH_BYTES) {
                    break;
                }
                bytes += size;
                count++;
            }
            List<InputLogEvent> batch = new ArrayList<>(buffer.subList(0, count));
            buffer.subList(0, count).clear();
            return batch;
        }
    }

    void close() {
        closed = true;
        ended = true;
        if (subscription != null) {
            subscription.close();
        }
    }

}
