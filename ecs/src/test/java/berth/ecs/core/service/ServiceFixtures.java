package berth.ecs.core.service;

import berth.ecs.core.LaunchType;
import berth.ecs.core.task.StopCode;
import berth.ecs.core.task.Task;
import berth.ecs.core.task.TaskHealth;
import berth.ecs.core.task.TaskLaunch;
import berth.ecs.core.task.TaskOverrides;
import berth.ecs.core.task.TaskReservation;
import berth.ecs.core.task.TaskStatus;
import berth.ecs.core.taskdef.ContainerDefinition;
import berth.ecs.core.taskdef.PortMapping;
import berth.ecs.core.taskdef.RuntimePlatform;
import berth.ecs.core.taskdef.TaskDefinition;
import berth.ecs.core.taskdef.TaskDefinitionRegistration;
import berth.ecs.core.taskdef.TaskDefinitionStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Services and their tasks for the pure service scheduler tests. */
final class ServiceFixtures {
    static final String ACCOUNT = "123456789012";
    static final String REGION = "us-east-1";
    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    static final String TG = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef";
    static final String DEPLOYMENT_1 = Deployment.idOf(1);
    static final String DEPLOYMENT_2 = Deployment.idOf(2);
    private static final SplittableRandom IDS = new SplittableRandom(7);

    private ServiceFixtures() {}

    static TaskDefinition definition(int revision) {
        ContainerDefinition web = ContainerDefinition.builder("web", "busybox").memoryMiB(64)
                .portMappings(List.of(PortMapping.tcp(8080, 0))).build();
        TaskDefinition draft = new TaskDefinition(ACCOUNT, REGION, "web", revision, TaskDefinitionStatus.ACTIVE, "",
                "", "", List.of(web), List.of(), List.of(), List.of(), List.of(), List.of(), "", "", 0, 0, "", "", 0,
                RuntimePlatform.none(), Map.of(), T0, Instant.EPOCH, "arn:aws:iam::" + ACCOUNT + ":root");
        return TaskDefinitionRegistration.register(draft);
    }

    /** An ACTIVE service of revision 1 whose deployment 1 has COMPLETED. */
    static Service service(int desired) {
        Deployment d = Deployment.started(DEPLOYMENT_1, definition(1).arn(), desired, T0)
                .withRollout(Deployment.COMPLETED, "done", T0);
        return new Service(ACCOUNT, REGION, "prod", "web", Service.ACTIVE, "EC2", definition(1).arn(), desired,
                List.of(), 0, DeploymentSettings.defaults(), List.of(), List.of(), List.of(), List.of(), false,
                "NONE", false, Map.of(), List.of(d), new ServiceProgress(java.util.Set.of(), java.util.Set.of(), 0,
                Instant.EPOCH, true, DEPLOYMENT_1, definition(1).arn()), List.of(), T0, "me", List.of(), List.of());
    }

    /** {@code service} rolling out revision 2 as deployment 2. */
    static Service deploying(Service service, DeploymentSettings settings) {
        Deployment next = Deployment.started(DEPLOYMENT_2, definition(2).arn(), service.desiredCount(), T0);
        return service.toBuilder().taskDefinitionArn(definition(2).arn()).deploymentSettings(settings)
                .deployments(List.of(next, service.primary().withStatus(Deployment.ACTIVE, T0)))
                .progress(new ServiceProgress(java.util.Set.of(), java.util.Set.of(), 0, Instant.EPOCH, false,
                        DEPLOYMENT_1, definition(1).arn())).build();
    }

    static Service balanced(Service service) {
        return service.toBuilder().loadBalancers(List.of(new ServiceLoadBalancer(TG, "web", 8080))).build();
    }

    /** A RUNNING task of deployment {@code deploymentId}. */
    static Task running(String deploymentId, int revision) {
        Task t = pending(deploymentId, revision);
        return t.toBuilder().lastStatus(TaskStatus.RUNNING).times(t.times().withStartedAt(T0)).build();
    }

    static Task pending(String deploymentId, int revision) {
        TaskDefinition d = definition(revision);
        TaskLaunch launch = new TaskLaunch(ACCOUNT, REGION, "prod", d.arn(), d, LaunchType.EC2, "", "",
                "service:web", deploymentId, Map.of(), TaskOverrides.none(), "", false, List.of());
        return launch.newTask("arn:aws:ecs:us-east-1:123456789012:container-instance/prod/i1", "us-east-1a",
                TaskReservation.none(), IDS, T0);
    }

    static Task failed(String deploymentId, int revision) {
        return running(deploymentId, revision).toBuilder().lastStatus(TaskStatus.STOPPED)
                .desiredStatus(TaskStatus.STOPPED).stopCode(StopCode.EssentialContainerExited.name()).build();
    }

    static Task unhealthy(String deploymentId, int revision) {
        return running(deploymentId, revision).toBuilder().healthStatus(TaskHealth.UNHEALTHY).build();
    }
}
