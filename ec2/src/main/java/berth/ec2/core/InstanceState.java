package berth.ec2.core;

/**
 * EC2's instance states with their codes. The first three are on the way to their settled state
 * (running, stopped, terminated), which the machine loop brings about.
 */
public enum InstanceState {
    PENDING("pending", 0),
    RUNNING("running", 16),
    SHUTTING_DOWN("shutting-down", 32),
    TERMINATED("terminated", 48),
    STOPPING("stopping", 64),
    STOPPED("stopped", 80);

    private final String wireName;
    private final int code;

    InstanceState(String wireName, int code) {
        this.wireName = wireName;
        this.code = code;
    }

    public String wireName() {
        return wireName;
    }

    public int code() {
        return code;
    }

    /** Whether the instance's machine should be up: its agent process running. */
    public boolean wantsMachine() {
        return this == PENDING || this == RUNNING;
    }

    /** Whether the instance still holds resources (an address, a place in the instance limit). */
    public boolean live() {
        return this != TERMINATED;
    }

    public static java.util.Optional<InstanceState> ofWireName(String name) {
        for (InstanceState state : values()) {
            if (state.wireName.equals(name)) return java.util.Optional.of(state);
        }
        return java.util.Optional.empty();
    }
}
