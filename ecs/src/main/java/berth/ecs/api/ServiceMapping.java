package berth.ecs.api;

import berth.ecs.core.EcsArns;
import berth.ecs.core.service.Deployment;
import berth.ecs.core.service.Service;
import java.util.List;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.AwsVpcConfiguration;
import software.amazon.awssdk.services.ecs.model.CapacityProviderStrategyItem;
import software.amazon.awssdk.services.ecs.model.DeploymentCircuitBreaker;
import software.amazon.awssdk.services.ecs.model.DeploymentConfiguration;
import software.amazon.awssdk.services.ecs.model.DeploymentController;
import software.amazon.awssdk.services.ecs.model.DeploymentControllerType;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.NetworkConfiguration;
import software.amazon.awssdk.services.ecs.model.PlacementConstraint;
import software.amazon.awssdk.services.ecs.model.PlacementStrategy;
import software.amazon.awssdk.services.ecs.model.ServiceEvent;

/** A stored service as ECS describes it. */
final class ServiceMapping {
    private ServiceMapping() {}

    static software.amazon.awssdk.services.ecs.model.Service toSdk(Service s, boolean withTags) {
        int running = s.deployments().stream().mapToInt(Deployment::runningCount).sum();
        int pending = s.deployments().stream().mapToInt(Deployment::pendingCount).sum();
        var b = software.amazon.awssdk.services.ecs.model.Service.builder()
                .serviceArn(s.arn()).serviceName(s.serviceName())
                .clusterArn(EcsArns.cluster(s.scope(), s.cluster()))
                .status(s.status()).desiredCount(s.desiredCount()).runningCount(running).pendingCount(pending)
                .taskDefinition(s.taskDefinitionArn())
                .loadBalancers(s.loadBalancers().stream().map(lb -> LoadBalancer.builder()
                        .targetGroupArn(lb.targetGroupArn()).containerName(lb.containerName())
                        .containerPort(lb.containerPort()).build()).toList())
                .serviceRegistries(List.of())
                .deploymentConfiguration(DeploymentConfiguration.builder()
                        .minimumHealthyPercent(s.deploymentSettings().minimumHealthyPercent())
                        .maximumPercent(s.deploymentSettings().maximumPercent())
                        .deploymentCircuitBreaker(DeploymentCircuitBreaker.builder()
                                .enable(s.deploymentSettings().circuitBreaker())
                                .rollback(s.deploymentSettings().rollback()).build()).build())
                .deployments(s.deployments().stream().map(d -> deployment(s, d)).toList())
                .events(s.events().stream().map(e -> ServiceEvent.builder().id(e.id()).createdAt(e.createdAt())
                        .message(e.message()).build()).toList())
                .createdAt(s.createdAt()).createdBy(s.createdBy())
                .placementConstraints(s.placementConstraints().stream().map(c -> PlacementConstraint.builder()
                        .type(c.type()).expression(c.value().isEmpty() ? null : c.value()).build()).toList())
                .placementStrategy(s.placementStrategy().stream().map(p -> PlacementStrategy.builder()
                        .type(p.type()).field(p.value().isEmpty() ? null : p.value()).build()).toList())
                .schedulingStrategy("REPLICA")
                .deploymentController(DeploymentController.builder().type(DeploymentControllerType.ECS).build())
                .enableECSManagedTags(s.enableEcsManagedTags())
                .propagateTags(s.propagateTags())
                .enableExecuteCommand(false)
                .availabilityZoneRebalancing("DISABLED");
        if (!s.capacityProviderStrategy().isEmpty()) {
            b.capacityProviderStrategy(strategy(s));
        } else {
            b.launchType(s.launchType());
        }
        if (s.launchType().equals("FARGATE")) {
            b.platformVersion("LATEST").platformFamily("Linux");
        }
        if (s.healthCheckGracePeriodSeconds() > 0 || !s.loadBalancers().isEmpty()) {
            b.healthCheckGracePeriodSeconds(s.healthCheckGracePeriodSeconds());
        }
        if (!s.subnets().isEmpty()) {
            b.networkConfiguration(network(s));
        }
        if (withTags && !s.tags().isEmpty()) {
            b.tags(TagMapping.toSdk(s.tags()));
        }
        return b.build();
    }

    static List<CapacityProviderStrategyItem> strategy(Service s) {
        return s.capacityProviderStrategy().stream().map(i -> CapacityProviderStrategyItem.builder()
                .capacityProvider(i.capacityProvider()).weight(i.weight()).base(i.base()).build()).toList();
    }

    private static NetworkConfiguration network(Service s) {
        return NetworkConfiguration.builder().awsvpcConfiguration(AwsVpcConfiguration.builder()
                .subnets(s.subnets()).securityGroups(s.securityGroups())
                .assignPublicIp(s.assignPublicIp() ? AssignPublicIp.ENABLED : AssignPublicIp.DISABLED).build()).build();
    }

    private static software.amazon.awssdk.services.ecs.model.Deployment deployment(Service s, Deployment d) {
        var b = software.amazon.awssdk.services.ecs.model.Deployment.builder()
                .id(d.id()).status(d.status()).taskDefinition(d.taskDefinitionArn())
                .desiredCount(d.desiredCount()).pendingCount(d.pendingCount()).runningCount(d.runningCount())
                .failedTasks(d.failedTasks()).createdAt(d.createdAt()).updatedAt(d.updatedAt())
                .rolloutState(d.rolloutState()).rolloutStateReason(d.rolloutStateReason());
        if (s.capacityProviderStrategy().isEmpty()) {
            b.launchType(s.launchType());
        } else {
            b.capacityProviderStrategy(strategy(s));
        }
        if (!s.subnets().isEmpty()) {
            b.networkConfiguration(network(s));
        }
        if (s.launchType().equals("FARGATE")) {
            b.platformVersion("1.4.0").platformFamily("Linux");
        }
        return b.build();
    }
}
