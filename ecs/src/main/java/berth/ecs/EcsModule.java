package berth.ecs;

import berth.ecs.api.EcsService;
import berth.ecs.api.TaskOperations;
import berth.ecs.control.EcsSettings;
import berth.ecs.control.TaskControl;
import berth.ecs.state.TaskRecords;
import berth.platform.Platform;
import berth.platform.PlatformModule;
import berth.store.Store;
import berth.store.Write;
import java.util.List;

/** ECS: clusters, task definitions, tasks, container instances and services. */
public final class EcsModule implements PlatformModule {
    private volatile TaskControl tasks;
    private volatile Store store;

    @Override
    public String name() {
        return "ecs";
    }

    @Override
    public void start(Platform platform) {
        store = platform.store();
        EcsService service = new EcsService(platform.store(), platform.clock());
        TaskOperations.install(service, platform.store(), platform.clock(), platform::endpoint);
        platform.addAwsService(service);
        tasks = TaskControl.start(platform, EcsSettings.fromEnvironment(System.getenv()));
    }

    /** Removes the tasks first and wakes the agents' long-polls, so agents see their tasks gone at once. */
    @Override
    public void reset() {
        if (store != null) {
            List<Write> deletes = store.list(TaskRecords.KIND, "").stream()
                    .map(r -> Write.delete(TaskRecords.KIND, r.key(), Store.ANY)).toList();
            if (!deletes.isEmpty()) {
                store.commit(deletes);
            }
        }
        if (tasks != null) {
            tasks.wakeAgents();
        }
    }

    @Override
    public void stop() {
        if (tasks != null) {
            tasks.close();
        }
    }
}
