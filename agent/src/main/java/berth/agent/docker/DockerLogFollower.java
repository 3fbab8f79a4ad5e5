package berth.agent.docker;

import berth.agent.runtime.ContainerLogLine;
import berth.agent.runtime.EventSubscription;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one container's log stream with the engine's timestamps, splitting frames into lines. A
 * frame may end mid-line; the rest of the line is kept per stream until its newline arrives.
 *
 * <p>Engines of the 20.10 line end a followed stream early when the container exits while output
 * is still being read (the tail of a fast writer's output is cut). So when the followed stream ends,
 * the log is read once more without following, from the second of the last line delivered, and the
 * lines not yet delivered (later timestamps; at the same nanosecond, beyond the count already
 * delivered) are delivered before {@code ended} runs.
 */
final class DockerLogFollower implements EventSubscription {

    private static final Logger LOG = LoggerFactory.getLogger(DockerLogFollower.class);

    private final ResultCallback.Adapter<Frame> callback;
    private volatile boolean closed;

    private DockerLogFollower(ResultCallback.Adapter<Frame> callback) {
        this.callback = callback;
    }

    static DockerLogFollower open(DockerClient client, DockerFailures failures, String containerId, Instant since,
                                  Consumer<ContainerLogLine> lines, Runnable ended) {
        Delivered delivered = new Delivered(lines);
        DockerLogFollower[] self = new DockerLogFollower[1];
        ResultCallback.Adapter<Frame> callback = new ResultCallback.Adapter<>() {
            private final LineSplitter splitter = new LineSplitter(delivered::followed);

            @Override
            public void onNext(Frame frame) {
                splitter.accept(frame);
            }

            @Override
            public void onComplete() {
                super.onComplete();
                if (!self[0].closed) {
                    Thread.ofVirtual().name("log-catch-up-" + containerId).start(() -> {
                        catchUp(client, containerId, since, delivered);
                        ended.run();
                    });
                }
            }

            @Override
            public void onError(Throwable t) {
                super.onError(t);
                if (!self[0].closed) {
                    LOG.debug("log stream of {} ended: {}", containerId, t.toString());
                    ended.run();
                }
            }
        };
        self[0] = new DockerLogFollower(callback);
        int sinceSeconds = (int) Math.max(0, since.getEpochSecond());
        failures.run("follow logs of container " + containerId, () -> client.logContainerCmd(containerId)
                .withStdOut(true).withStdErr(true).withFollowStream(true).withTimestamps(true)
                .withSince(sinceSeconds).exec(callback));
        return self[0];
    }

    /** Reads the log again, unfollowed, and delivers what the followed stream did not. */
    private static void catchUp(DockerClient client, String containerId, Instant since, Delivered delivered) {
        Instant from = delivered.last().orElse(since);
        LineSplitter splitter = new LineSplitter(delivered::caughtUp);
        try {
            client.logContainerCmd(containerId).withStdOut(true).withStdErr(true).withFollowStream(false)
                    .withTimestamps(true).withSince((int) Math.max(0, from.getEpochSecond()))
                    .exec(new ResultCallback.Adapter<Frame>() {
                        @Override
                        public void onNext(Frame frame) {
                            splitter.accept(frame);
                        }
                    }).awaitCompletion();
        } catch (RuntimeException e) {
            LOG.debug("could not read the rest of the log of {}: {}", containerId, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Frames to lines, per stream, keeping a line's start until its newline arrives. */
    private static final class LineSplitter {
        private final StringBuilder[] partial = {new StringBuilder(), new StringBuilder()};
        private final Consumer<ContainerLogLine> lines;

        LineSplitter(Consumer<ContainerLogLine> lines) {
            this.lines = lines;
        }

        void accept(Frame frame) {
            boolean stderr = frame.getStreamType() == StreamType.STDERR;
            StringBuilder rest = partial[stderr ? 1 : 0];
            rest.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
            int newline;
            while ((newline = rest.indexOf("\n")) >= 0) {
                String raw = rest.substring(0, newline);
                rest.delete(0, newline + 1);
                deliver(raw, stderr, lines);
            }
        }
    }

    /**
     * What reached the consumer: the last line's timestamp and how many lines carried exactly it, so
     * a second read delivers only what is new.
     */
    static final class Delivered {
        private final Consumer<ContainerLogLine> lines;
        private Instant last;
        private int atLast;
        private int skippedAtLast;

        Delivered(Consumer<ContainerLogLine> lines) {
            this.lines = lines;
        }

        synchronized java.util.Optional<Instant> last() {
            return java.util.Optional.ofNullable(last);
        }

        synchronized void followed(ContainerLogLine line) {
            if (line.timestamp().equals(last)) {
                atLast++;
            } else {
                last = line.timestamp();
                atLast = 1;
            }
            lines.accept(line);
        }

        synchronized void caughtUp(ContainerLogLine line) {
            if (last != null && line.timestamp().isBefore(last)) {
                return;
            }
            if (line.timestamp().equals(last) && skippedAtLast < atLast) {
                skippedAtLast++;
                return;
            }
            lines.accept(line);
        }
    }

    /** Splits the engine's {@code 2024-05-01T10:00:00.123456789Z text} prefix off a line. */
    static void deliver(String raw, boolean stderr, Consumer<ContainerLogLine> lines) {
        String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
        int space = line.indexOf(' ');
        Instant at = Instant.now();
        String text = line;
        if (space > 0) {
            try {
                at = Instant.parse(line.substring(0, space));
                text = line.substring(space + 1);
            } catch (DateTimeParseException notATimestamp) {
                text = line;
            }
        }
        lines.accept(new ContainerLogLine(at, stderr ? ContainerLogLine.Stream.STDERR : ContainerLogLine.Stream.STDOUT,
                text));
    }

    @Override
    public void close() {
        closed = true;
        try {
            callback.close();
        } catch (IOException e) {
            LOG.debug("closing log stream", e);
        }
    }
}
