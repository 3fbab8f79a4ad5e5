package berth.agent.loop;

import berth.agent.runtime.ContainerObservation;
import berth.ecs.agentwire.TaskAssignment;
import java.util.List;

/** Delivery of container output to a log service, for log drivers the engine cannot speak itself. */
interface LogShipping extends AutoCloseable {

    /** Follows the running containers that ship their logs and stops following the others. */
    void sync(List<TaskAssignment> tasks, List<ContainerObservation> containers);

    @Override
    void close();

    LogShipping NONE = new LogShipping() {
        @Override
        public void sync(List<TaskAssignment> tasks, List<ContainerObservation> containers) {}

        @Override
        public void close() {}
    };
}
