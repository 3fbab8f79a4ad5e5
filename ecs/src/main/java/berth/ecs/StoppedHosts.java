package berth.ecs;

import berth.aws.Scope;
import berth.ecs.core.instance.ContainerInstance;
import berth.ecs.core.task.StopCode;
import berth.ecs.core.task.Task;
import berth.ecs.state.ContainerInstanceRecords;
import berth.ecs.state.TaskCommits;
import berth.ecs.state.TaskRecords;
import berth.platform.RecordTable.Versioned;
import berth.store.Store;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link HostStates} over ECS's store: a stopped host's instances disconnected, their tasks stopped without an agent. */
final class StoppedHosts implements HostStates {
    private static final Logger LOG = LoggerFactory.getLogger(StoppedHosts.class);

    private final ContainerInstanceRecords instances;
    private final TaskRecords tasks;
    private final TaskCommits commits;
    private final Clock clock;

    StoppedHosts(Store store, Clock clock) {
        this.instances = new ContainerInstanceRecords(store);
        this.tasks = new TaskRecords(store);
        this.commits = new TaskCommits(store);
        this.clock = clock;
    }

    @Override
    public void hostStopped(Scope scope, String ec2InstanceId) {
        for (ContainerInstance instance : instances.list(scope)) {
            if (!instance.ec2InstanceId().equals(ec2InstanceId) || !instance.registered()) {
                continue;
            }
            instances.update(instance.key(), i -> i.withAgent(false, i.agentLastSeenAt()));
            for (Versioned<Task> stored : tasks.list(scope, instance.cluster())) {
                Task task = stored.value();
                if (task.containerInstanceArn().equals(instance.arn()) && !task.stopped()) {
                    commits.change(task.key(), t -> t.stopped() ? t : berth.ecs.core.task.TaskLifecycle.stoppedWithoutAgent(t,
                            StopCode.TerminationNotice, StopCode.hostStopped(ec2InstanceId), clock.instant()));
                }
            }
            LOG.info("host {} of container instance {} stopped: its agent is disconnected and its tasks stopped",
                    ec2InstanceId, instance.arn());
        }
    }
}
