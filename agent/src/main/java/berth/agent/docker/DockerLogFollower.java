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
        StringBuilder[] partial = {new StringBuilder(), new StringBuilder()};
        DockerLogFollower[] self = new DockerLogFollower[1];
        ResultCallback.Adapter<Frame> callback = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
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

            @Override
            public void onComplete() {
                super.onComplete();
                if (!self[0].closed) {
                    ended.run();
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
