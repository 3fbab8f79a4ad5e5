package berth.agent.loop;

import berth.agent.runtime.ContainerLogLine;
import berth.agent.runtime.ContainerObservation;
import berth.agent.runtime.EventSubscription;
import berth.agent.runtime.Runtime;
import java.time.Clock;
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
 * One container's output shipped to one log stream: lines are buffered and sent with PutLogEvents at
 * most every {@link #FLUSH_EVERY} (sooner when the buffer fills). A follower that starts again for a
 * container (after an agent restart) continues after the stream's last event.
 */
final class LogStreamFollower {

    private static final Logger LOG = LoggerFactory.getLogger(LogStreamFollower.class);
    private static final Duration FLUSH_EVERY = Duration.ofMillis(500);
    private static final int MAX_BATCH = 5000;

    private final CloudWatchLogsClient logs;
    /** Signs the calls as the task's execution role, when it has one ({@link ExecutionRole}). */
    private final java.util.function.Consumer<AwsRequestOverrideConfiguration.Builder> asRole;
    private final Runtime runtime;
    private final Clock clock;
    private final ContainerObservation container;
    private final String group;
    private final String stream;
    private final boolean createGroup;
    private final Runnable onEnd;
    private final List<InputLogEvent> buffer = new ArrayList<>();
    private volatile boolean ended;
    private volatile EventSubscription subscription;
    private volatile long lastShippedMillis = Long.MIN_VALUE;

    LogStreamFollower(CloudWatchLogsClient logs, Runtime runtime, Clock clock, ContainerObservation container,
                      String group, String stream, boolean createGroup,
                      java.util.function.Consumer<AwsRequestOverrideConfiguration.Builder> asRole, Runnable onEnd) {
        this.logs = logs;
        this.asRole = asRole;
        this.runtime = runtime;
        this.clock = clock;
        this.container = container;
        this.group = group;
        this.stream = stream;
        this.createGroup = createGroup;
        this.onEnd = onEnd;
    }

    void start() {
        Thread.ofVirtual().name("awslogs-" + container.name()).start(this::run);
    }

    private void run() {
        try {
            prepare();
        } catch (SdkException e) {
            LOG.warn("cannot ship logs of {} to {}:{}: {}", container.name(), group, stream, e.getMessage());
            onEnd.run();
            return;
        }
        Instant since = lastShippedMillis == Long.MIN_VALUE ? container.startedAt().orElse(Instant.EPOCH)
                : Instant.ofEpochMilli(lastShippedMillis);
        try {
            subscription = runtime.followLogs(container.id(), since, this::accept, () -> ended = true);
        } catch (RuntimeException e) {
            LOG.warn("cannot follow the output of {}: {}", container.name(), e.getMessage());
            onEnd.run();
            return;
        }
        while (!ended) {
            try {
                Thread.sleep(FLUSH_EVERY);
            } catch (InterruptedException e) {
                break;
            }
            flush();
        }
        flush();
        onEnd.run();
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
                    .findFirst().ifPresent(s -> lastShippedMillis = s.lastEventTimestamp());
        }
    }

    private void accept(ContainerLogLine line) {
        long at = line.timestamp().toEpochMilli();
        synchronized (buffer) {
            if (at <= lastShippedMillis) {
                return;
            }
            buffer.add(InputLogEvent.builder().timestamp(at).message(line.text().isEmpty() ? " " : line.text()).build());
            if (buffer.size() >= MAX_BATCH) {
                Thread.ofVirtual().start(this::flush);
            }
        }
    }

    private synchronized void flush() {
        List<InputLogEvent> batch;
        synchronized (buffer) {
            if (buffer.isEmpty()) {
                return;
            }
            batch = new ArrayList<>(buffer.subList(0, Math.min(buffer.size(), MAX_BATCH)));
            buffer.subList(0, batch.size()).clear();
        }
        batch.sort(Comparator.comparingLong(InputLogEvent::timestamp));
        try {
            logs.putLogEvents(b -> b.logGroupName(group).logStreamName(stream).logEvents(batch)
                    .overrideConfiguration(asRole));
            lastShippedMillis = Math.max(lastShippedMillis, batch.get(batch.size() - 1).timestamp());
        } catch (SdkException e) {
            LOG.warn("could not ship {} lines of {} to {}:{}: {}", batch.size(), container.name(), group, stream,
                    e.getMessage());
            synchronized (buffer) {
                if (buffer.size() < 10 * MAX_BATCH) {
                    buffer.addAll(0, batch);
                }
            }
        }
    }

    void close() {
        ended = true;
        if (subscription != null) {
            subscription.close();
        }
    }

}
