package berth.agent.loop;

import berth.agent.core.AwsLogsDestination;
import berth.agent.runtime.ContainerObservation;
import berth.agentwire.AssignedTask;
import java.util.List;

/** Delivery of container output to a log service, for log drivers the engine cannot speak itself. */
interface LogShipping extends AutoCloseable {

    /**
     * Makes the destination of a created container ready before it starts (its group when asked, its
     * stream), as the task's execution role when it has one.
     *
     * @throws Refused when the log service refuses; the container must not start
     */
    void open(String taskArn, String stream, AwsLogsDestination destination);

    /**
     * Follows every container that ships its logs and has run, until its output has ended and is
     * delivered: running ones and those that already exited, however briefly they ran.
     */
    void sync(List<AssignedTask> tasks, List<ContainerObservation> containers);

    @Override
    void close();

    /** The log service refused to create a group or stream, in its own words. */
    final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    LogShipping NONE = new LogShipping() {
        @Override
        public void open(String taskArn, String stream, AwsLogsDestination destination) {}

        @Override
        public void sync(List<AssignedTask> tasks, List<ContainerObservation> containers) {}

        @Override
        public void close() {}
    };
}
