package berth.agent.runtime;

import java.time.Instant;

/**
 * One line a container wrote, as the engine time-stamped it.
 *
 * @param text the line without its trailing newline
 */
public record ContainerLogLine(Instant timestamp, Stream stream, String text) {

    /** The stream the line was written to. */
    public enum Stream { STDOUT, STDERR }
}
