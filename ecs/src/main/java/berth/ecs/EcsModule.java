package berth.ecs;

import berth.ecs.api.EcsService;
import berth.platform.Platform;
import berth.platform.PlatformModule;

/** ECS: clusters, task definitions, tasks, container instances and services. */
public final class EcsModule implements PlatformModule {
    @Override
    public String name() {
        return "ecs";
    }

    @Override
    public void start(Platform platform) {
        platform.addAwsService(new EcsService(platform.store(), platform.clock()));
    }
}
