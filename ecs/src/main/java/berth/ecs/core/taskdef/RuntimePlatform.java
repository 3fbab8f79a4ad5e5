package berth.ecs.core.taskdef;

import java.util.Objects;

/** The platform a task needs: {@code X86_64}/{@code ARM64} and e.g. {@code LINUX}; empty strings when unset. */
public record RuntimePlatform(String cpuArchitecture, String operatingSystemFamily) {
    private static final RuntimePlatform NONE = new RuntimePlatform("", "");

    public RuntimePlatform {
        Objects.requireNonNull(cpuArchitecture, "cpuArchitecture");
        Objects.requireNonNull(operatingSystemFamily, "operatingSystemFamily");
    }

    public static RuntimePlatform none() {
        return NONE;
    }

    public boolean isNone() {
        return cpuArchitecture.isEmpty() && operatingSystemFamily.isEmpty();
    }

    public boolean windows() {
        return operatingSystemFamily.startsWith("WINDOWS");
    }
}
