package berth.ec2.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What must happen so that this host's machines match its instances: a pure function of the
 * instances (their states), what is observed of their agent processes, and the time. Level-triggered:
 * a pass after a restart, a crash or a missed change decides the same.
 *
 * <ul>
 *   <li>pending or running, no agent process: start one (after a crashed one, once its back-off passed);</li>
 *   <li>pending with its agent running: it is running;</li>
 *   <li>stopping: stop the machine (its containers, then its agent), then it is stopped;</li>
 *   <li>shutting down: deregister its container instance (forced, so its tasks stop), stop the machine,
 *       remove what it ran, then it is terminated;</li>
 *   <li>terminated for longer than {@code retention}: forget it;</li>
 *   <li>an agent process of no instance that wants one: stop it.</li>
 * </ul>
 */
public final class MachineDecision {
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private MachineDecision() {}

    /**
     * What is known of one instance's machine on this host.
     *
     * @param agentRunning  its agent process is alive
     * @param crashes       how many times in a row its agent exited while wanted
     * @param lastExit      when its agent last exited; {@link Instant#EPOCH} for never
     * @param notBefore     no agent is started before then (its credentials were refused); EPOCH for no wait
     * @param deregistered  its container instance was deregistered (or there was none)
     */
    public record Machine(boolean agentRunning, int crashes, Instant lastExit, Instant notBefore, boolean deregistered) {
        public static final Machine NONE = new Machine(false, 0, Instant.EPOCH, Instant.EPOCH, false);
    }

    public sealed interface Action permits StartAgent, MarkRunning, StopMachine, MarkStopped, Deregister, RemoveMachine,
            Forget, StopOrphan {
        String instanceId();
    }

    public record StartAgent(Instance instance) implements Action {
        public String instanceId() { return instance.id(); }
    }

    public record MarkRunning(Instance instance) implements Action {
        public String instanceId() { return instance.id(); }
    }

    public record StopMachine(Instance instance) implements Action {
        public String instanceId() { return instance.id(); }
    }

    public record MarkStopped(Instance instance) implements Action {
        public String instanceId() { return instance.id(); }
    }

    public record Deregister(Instance instance) implements Action {
        public String instanceId() { return instance.id(); }
    }

    /** The machine is gone: its containers are removed, its address freed, and it is terminated. */
    public record RemoveMachine(Instance instance) implements Action {
        public String instanceId() { return instance.id(); }
    }

    public record Forget(Instance instance) implements Action {
        public String instanceId() { return instance.id(); }
    }

    public record StopOrphan(String instanceId) implements Action {}

    /** The actions of one pass, and when the next pass is due if nothing changes. */
    public record Plan(List<Action> actions, Instant nextPass) {}

    public static Plan decide(List<Instance> instances, Map<String, Machine> machines, Instant now, Duration retention,
                              Duration idlePass) {
        List<Action> actions = new ArrayList<>();
        Instant next = now.plus(idlePass);
        Set<String> wanted = new HashSet<>();
        for (Instance instance : instances) {
            Machine m = machines.getOrDefault(instance.id(), Machine.NONE);
            switch (instance.state()) {
                case PENDING, RUNNING -> {
                    wanted.add(instance.id());
                    if (m.agentRunning()) {
                        if (instance.state() == InstanceState.PENDING) actions.add(new MarkRunning(instance));
                    } else {
                        Instant due = startDue(m);
                        if (!due.isAfter(now)) {
                            actions.add(new StartAgent(instance));
                        } else if (due.isBefore(next)) {
                            next = due;
                        }
                    }
                }
                case STOPPING -> actions.add(m.agentRunning() ? new StopMachine(instance) : new MarkStopped(instance));
                case SHUTTING_DOWN -> {
                    if (!m.deregistered()) {
                        actions.add(new Deregister(instance));
                    } else {
                        actions.add(m.agentRunning() ? new StopMachine(instance) : new RemoveMachine(instance));
                    }
                }
                case TERMINATED -> {
                    Instant forgetAt = instance.stateChangedAt().plus(retention);
                    if (!forgetAt.isAfter(now)) {
                        actions.add(new Forget(instance));
                    } else if (forgetAt.isBefore(next)) {
                        next = forgetAt;
                    }
                }
                case STOPPED -> { }
            }
            if (!instance.state().wantsMachine() && instance.state() != InstanceState.STOPPING
                    && instance.state() != InstanceState.SHUTTING_DOWN && m.agentRunning()) {
                actions.add(new StopOrphan(instance.id()));
            }
        }
        Set<String> known = new HashSet<>();
        instances.forEach(i -> known.add(i.id()));
        machines.forEach((id, m) -> {
            if (m.agentRunning() && !known.contains(id)) actions.add(new StopOrphan(id));
        });
        return new Plan(List.copyOf(actions), next);
    }

    /** When an agent may be started: at once, or after its credentials wait or its crash back-off (1 s doubling, at most 30 s). */
    static Instant startDue(Machine m) {
        Instant due = m.notBefore();
        if (m.crashes() > 0) {
            long seconds = Math.min(MAX_BACKOFF.toSeconds(), 1L << Math.min(m.crashes() - 1, 5));
            Instant backoff = m.lastExit().plusSeconds(seconds);
            if (backoff.isAfter(due)) due = backoff;
        }
        return due;
    }
}
