package berth.ecs.core.taskdef;

import java.util.Objects;

/** A resource limit of a container, e.g. {@code nofile} 1024/4096. */
public record Ulimit(String name, int softLimit, int hardLimit) {
    public Ulimit {
        Objects.requireNonNull(name, "name");
    }
}
