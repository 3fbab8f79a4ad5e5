package berth.ecs.api;

import berth.ecs.core.LaunchType;

import berth.ecs.core.service.DeploymentSettings;
import berth.ecs.core.service.PlacementRule;
import berth.ecs.core.service.ServiceLoadBalancer;
import berth.ecs.core.taskdef.ContainerDefinition;
import berth.ecs.core.taskdef.NetworkMode;
import berth.ecs.core.taskdef.PortMapping;
import berth.ecs.core.taskdef.TaskDefinition;
import java.util.List;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ecs.model.DeploymentConfiguration;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.PlacementConstraint;
import software.amazon.awssdk.services.ecs.model.PlacementStrategy;

/** CreateService's and UpdateService's members checked as ECS checks them and mapped to core records. */
final class ServiceRequests {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,255}");

    private ServiceRequests() {}

    static void checkName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw EcsErrors.INVALID_PARAMETER.exception("Service name can only contain letters (uppercase and"
                    + " lowercase), numbers, hyphens, and underscores. Max length is 255 characters.");
        }
    }

    static void checkDesiredCount(Integer desiredCount) {
        if (desiredCount != null && desiredCount < 0) {
            throw EcsErrors.INVALID_PARAMETER.exception("Desired count cannot be negative.");
        }
    }

    /** The deployment configuration over {@code base}: ECS's defaults for absent members. */
    static DeploymentSettings deployment(DeploymentConfiguration c, DeploymentSettings base) {
        if (c == null) {
            return base;
        }
        int min = c.minimumHealthyPercent() == null ? base.minimumHealthyPercent() : c.minimumHealthyPercent();
        int max = c.maximumPercent() == null ? base.maximumPercent() : c.maximumPercent();
        if (min < 0 || min > 100) {
            throw EcsErrors.INVALID_PARAMETER.exception("minimumHealthyPercent must be between 0 and 100.");
        }
        if (max < 100 || max > 200) {
            throw EcsErrors.INVALID_PARAMETER.exception("maximumPercent must be between 100 and 200.");
        }
        if (min == 100 && max == 100) {
            throw EcsErrors.INVALID_PARAMETER.exception("The maximumPercent must be greater than minimumHealthyPercent"
                    + " when minimumHealthyPercent is 100.");
        }
        boolean breaker = base.circuitBreaker();
        boolean rollback = base.rollback();
        if (c.deploymentCircuitBreaker() != null) {
            if (c.deploymentCircuitBreaker().enable() == null || c.deploymentCircuitBreaker().rollback() == null) {
                throw EcsErrors.INVALID_PARAMETER.exception("deploymentCircuitBreaker requires both enable and"
                        + " rollback.");
            }
            breaker = c.deploymentCircuitBreaker().enable();
            rollback = c.deploymentCircuitBreaker().rollback();
        }
        if (c.alarms() != null && Boolean.TRUE.equals(c.alarms().enable())) {
            throw EcsErrors.INVALID_PARAMETER.exception("berth does not support CloudWatch alarms in"
                    + " deploymentConfiguration.");
        }
        return new DeploymentSettings(min, max, breaker, rollback);
    }

    /** The load balancers, each naming a container and port of {@code definition}. */
    static List<ServiceLoadBalancer> loadBalancers(List<LoadBalancer> requested, TaskDefinition definition) {
        if (requested.size() > 5) {
            throw EcsErrors.INVALID_PARAMETER.exception("A service can have at most 5 load balancers.");
        }
        return requested.stream().map(lb -> {
            if (lb.loadBalancerName() != null && !lb.loadBalancerName().isEmpty()) {
                throw EcsErrors.INVALID_PARAMETER.exception("berth supports target groups (targetGroupArn) only, not"
                        + " Classic Load Balancers.");
            }
            if (lb.targetGroupArn() == null || lb.targetGroupArn().isEmpty()) {
                throw EcsErrors.INVALID_PARAMETER.exception("Target Group Arn can not be blank.");
            }
            if (lb.containerName() == null || lb.containerName().isEmpty()) {
                throw EcsErrors.INVALID_PARAMETER.exception("Container Name can not be blank.");
            }
            if (lb.containerPort() == null) {
                throw EcsErrors.INVALID_PARAMETER.exception("Container Port can not be blank.");
            }
            ContainerDefinition container = definition.container(lb.containerName())
                    .orElseThrow(() -> EcsErrors.INVALID_PARAMETER.exception("The container " + lb.containerName()
                            + " does not exist in the task definition."));
            boolean mapped = container.portMappings().stream().map(PortMapping::containerPort)
                    .anyMatch(p -> p == lb.containerPort().intValue());
            if (!mapped) {
                throw EcsErrors.INVALID_PARAMETER.exception("The container " + lb.containerName()
                        + " did not have a container port " + lb.containerPort() + " defined.");
            }
            return new ServiceLoadBalancer(lb.targetGroupArn(), lb.containerName(), lb.containerPort());
        }).toList();
    }

    static List<PlacementRule> constraints(List<PlacementConstraint> requested) {
        if (requested.size() > 10) {
            throw EcsErrors.INVALID_PARAMETER.exception("A service can have at most 10 placement constraints.");
        }
        return requested.stream().map(c -> new PlacementRule(text(c.typeAsString()), text(c.expression()))).toList();
    }

    /**
     * A service's placement strategy as requested (described as given, so an EC2 service that names
     * none describes none, as ECS does; its tasks are still spread, see ServiceTaskLaunches); none at
     * all for Fargate, which takes none.
     */
    static List<PlacementRule> strategy(List<PlacementStrategy> requested, LaunchType launchType) {
        if (requested.size() > 5) {
            throw EcsErrors.INVALID_PARAMETER.exception("A service can have at most 5 placement strategies.");
        }
        if (launchType == LaunchType.FARGATE) {
            if (!requested.isEmpty()) {
                throw EcsErrors.INVALID_PARAMETER.exception("Placement strategies are not supported with FARGATE"
                        + " launch type.");
            }
            return List.of();
        }
        return requested.stream().map(s -> new PlacementRule(text(s.typeAsString()), text(s.field()))).toList();
    }

    static void checkNetwork(TaskDefinition definition, boolean awsvpcGiven) {
        if (definition.effectiveNetworkMode() == NetworkMode.AWSVPC && !awsvpcGiven) {
            throw EcsErrors.INVALID_PARAMETER.exception("Network Configuration must be provided when networkMode"
                    + " 'awsvpc' is specified.");
        }
        if (definition.effectiveNetworkMode() != NetworkMode.AWSVPC && awsvpcGiven) {
            throw EcsErrors.INVALID_PARAMETER.exception("Network Configuration is not valid for the given networkMode"
                    + " of this task definition.");
        }
    }

    static String text(String value) {
        return value == null ? "" : value;
    }

    /** berth's service scheduler spreads tasks when it places them but never moves running ones between zones. */
    static void checkRebalancing(String value) {
        if ("ENABLED".equals(value)) {
            throw EcsErrors.INVALID_PARAMETER.exception("berth does not rebalance running tasks across Availability"
                    + " Zones; availabilityZoneRebalancing can only be DISABLED.");
        }
    }
}
