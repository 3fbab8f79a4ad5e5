package berth.ecs.api;

import berth.store.Store;
import java.net.URI;
import java.time.Clock;
import java.util.function.Supplier;
import software.amazon.awssdk.services.ecs.model.DescribeTasksRequest;
import software.amazon.awssdk.services.ecs.model.DiscoverPollEndpointRequest;
import software.amazon.awssdk.services.ecs.model.ListTasksRequest;
import software.amazon.awssdk.services.ecs.model.RunTaskRequest;
import software.amazon.awssdk.services.ecs.model.StartTaskRequest;
import software.amazon.awssdk.services.ecs.model.StopTaskRequest;
import software.amazon.awssdk.services.ecs.model.SubmitAttachmentStateChangesRequest;
import software.amazon.awssdk.services.ecs.model.SubmitContainerStateChangeRequest;
import software.amazon.awssdk.services.ecs.model.SubmitTaskStateChangeRequest;

/** The task operations of ECS, and the agent's public ones, added to an {@link EcsService}. */
public final class TaskOperations {
    private TaskOperations() {}

    /**
     * Adds RunTask, StartTask, StopTask, DescribeTasks, ListTasks, SubmitTaskStateChange,
     * SubmitContainerStateChange, SubmitAttachmentStateChanges and DiscoverPollEndpoint (which answers
     * {@code endpoint}) to {@code service}, and makes tasks taggable.
     */
    public static void install(EcsService service, Store store, Clock clock, Supplier<URI> endpoint) {
        TaskLaunchApi launches = new TaskLaunchApi(store, clock);
        service.add("RunTask", RunTaskRequest.class, launches::run);
        service.add("StartTask", StartTaskRequest.class, launches::start);

        TaskApi tasks = new TaskApi(store, clock);
        service.add("StopTask", StopTaskRequest.class, tasks::stop);
        service.add("DescribeTasks", DescribeTasksRequest.class, tasks::describe);
        service.add("ListTasks", ListTasksRequest.class, tasks::list);
        service.taggableResources().register("task", tasks.taggable());

        AgentStateApi agents = new AgentStateApi(store, clock, endpoint);
        service.add("SubmitTaskStateChange", SubmitTaskStateChangeRequest.class, agents::taskStateChange);
        service.add("SubmitContainerStateChange", SubmitContainerStateChangeRequest.class,
                agents::containerStateChange);
        service.add("SubmitAttachmentStateChanges", SubmitAttachmentStateChangesRequest.class,
                agents::attachmentStateChanges);
        service.add("DiscoverPollEndpoint", DiscoverPollEndpointRequest.class, agents::discoverPollEndpoint);
    }
}
