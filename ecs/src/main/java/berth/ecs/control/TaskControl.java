package berth.ecs.control;

import berth.agentwire.AgentProtocol;
import berth.aws.sigv4.SigV4Verifier;
import berth.ecs.core.task.ReconcileSettings;
import berth.platform.Platform;

/**
 * The task side of the control plane as one unit: the agent endpoints (assignments long-poll and
 * observations), the signals that wake their waiters, and the reconciler loop.
 */
public final class TaskControl implements AutoCloseable {
    private final AssignmentSignals signals;
    private final TaskReconcileLoop reconciler;

    private TaskControl(AssignmentSignals signals, TaskReconcileLoop reconciler) {
        this.signals = signals;
        this.reconciler = reconciler;
    }

    /** Registers the agent endpoints on {@code platform} and starts the reconciler. */
    public static TaskControl start(Platform platform, ReconcileSettings settings) {
        AssignmentSignals signals = new AssignmentSignals(platform.store());
        signals.start();
        AgentHeartbeats heartbeats = new AgentHeartbeats(platform.store(), platform.clock(), settings.agentTimeout());
        platform.addHttpService(AgentProtocol.PREFIX, new AssignmentsEndpoint(
                new SigV4Verifier(platform.credentials(), platform.clock()), platform.store(), signals, heartbeats,
                new TaskRoleCredentials(platform.store(), platform.clock(),
                        platform.lookup(berth.iam.RoleCredentialsIssuer.class)), platform.clock(),
                () -> platform.lookup(berth.cloudwatch.MetricSink.class)));
        TaskReconcileLoop reconciler = new TaskReconcileLoop(platform.store(), platform.clock(), settings);
        reconciler.start();
        return new TaskControl(signals, reconciler);
    }

    /** Wakes every waiting poll, so agents see at once what a reset removed. */
    public void wakeAgents() {
        signals.wakeAll();
        reconciler.wake();
    }

    @Override
    public void close() {
        reconciler.close();
        signals.close();
    }
}
