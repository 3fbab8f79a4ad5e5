package berth.ecs.core.service;

import berth.aws.Scope;
import berth.ecs.core.EcsArns;
import berth.ecs.core.OrderedMaps;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One ECS service, as stored (kind {@code ecs.service}, key {@code account/region/cluster/name}).
 * {@code status} is ACTIVE, DRAINING or INACTIVE; {@code launchType} EC2, FARGATE or EXTERNAL.
 * {@code deployments} has the PRIMARY deployment first; {@code events} are newest first.
 * {@code subnets} and {@code securityGroups} are the awsvpc configuration (empty for other modes).
 * {@code formerLoadBalancers} are target groups an UpdateService removed while tasks of older
 * deployments may still be registered in them; they are left once those deployments are gone.
 */
public record Service(String accountId, String region, String cluster, String serviceName, String status,
                      String launchType, String taskDefinitionArn, int desiredCount,
                      List<ServiceLoadBalancer> loadBalancers, int healthCheckGracePeriodSeconds,
                      DeploymentSettings deploymentSettings, List<PlacementRule> placementConstraints,
                      List<PlacementRule> placementStrategy, List<String> subnets, List<String> securityGroups,
                      boolean assignPublicIp, String propagateTags, boolean enableEcsManagedTags,
                      Map<String, String> tags, List<Deployment> deployments, ServiceProgress progress,
                      List<ServiceEvent> events, Instant createdAt, String createdBy,
                      List<ServiceLoadBalancer> formerLoadBalancers,
                      List<berth.ecs.core.task.CapacityProviderItem> capacityProviderStrategy) {
    public static final String ACTIVE = "ACTIVE";
    public static final String DRAINING = "DRAINING";
    public static final String INACTIVE = "INACTIVE";
    public static final int MAX_EVENTS = 100;

    public Service {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(serviceName, "serviceName");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(launchType, "launchType");
        Objects.requireNonNull(taskDefinitionArn, "taskDefinitionArn");
        Objects.requireNonNull(deploymentSettings, "deploymentSettings");
        Objects.requireNonNull(propagateTags, "propagateTags");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(createdBy, "createdBy");
        loadBalancers = List.copyOf(loadBalancers);
        placementConstraints = List.copyOf(placementConstraints);
        placementStrategy = List.copyOf(placementStrategy);
        subnets = List.copyOf(subnets);
        securityGroups = List.copyOf(securityGroups);
        tags = OrderedMaps.copyOf(tags);
        deployments = List.copyOf(deployments);
        events = List.copyOf(events);
        formerLoadBalancers = formerLoadBalancers == null ? List.of() : List.copyOf(formerLoadBalancers);
        capacityProviderStrategy = capacityProviderStrategy == null ? List.of() : List.copyOf(capacityProviderStrategy);
    }

    public Scope scope() {
        return new Scope(accountId, region);
    }

    public String arn() {
        return EcsArns.service(scope(), cluster, serviceName);
    }

    /** The store key of this service: {@code account/region/cluster/name}. */
    public String key() {
        return scope().key(cluster + "/" + serviceName);
    }

    /** The task group of the service's tasks. */
    public String group() {
        return "service:" + serviceName;
    }

    public Deployment primary() {
        return deployments.get(0);
    }

    /** The message ECS prefixes its service events with. */
    public String label() {
        return "(service " + serviceName + ")";
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** A copy of a service with some fields changed. */
    public static final class Builder {
        private final Service b;
        private String status;
        private String taskDefinitionArn;
        private int desiredCount;
        private List<ServiceLoadBalancer> loadBalancers;
        private int grace;
        private DeploymentSettings settings;
        private Map<String, String> tags;
        private List<Deployment> deployments;
        private ServiceProgress progress;
        private List<ServiceEvent> events;
        private List<ServiceLoadBalancer> former;

        private Builder(Service s) {
            b = s;
            status = s.status;
            taskDefinitionArn = s.taskDefinitionArn;
            desiredCount = s.desiredCount;
            loadBalancers = s.loadBalancers;
            grace = s.healthCheckGracePeriodSeconds;
            settings = s.deploymentSettings;
            tags = s.tags;
            deployments = s.deployments;
            progress = s.progress;
            events = s.events;
            former = s.formerLoadBalancers;
        }

        public Builder status(String v) { status = v; return this; }
        public Builder taskDefinitionArn(String v) { taskDefinitionArn = v; return this; }
        public Builder desiredCount(int v) { desiredCount = v; return this; }
        public Builder loadBalancers(List<ServiceLoadBalancer> v) { loadBalancers = v; return this; }
        public Builder healthCheckGracePeriodSeconds(int v) { grace = v; return this; }
        public Builder deploymentSettings(DeploymentSettings v) { settings = v; return this; }
        public Builder tags(Map<String, String> v) { tags = v; return this; }
        public Builder deployments(List<Deployment> v) { deployments = v; return this; }
        public Builder progress(ServiceProgress v) { progress = v; return this; }
        public Builder events(List<ServiceEvent> v) { events = v; return this; }
        public Builder formerLoadBalancers(List<ServiceLoadBalancer> v) { former = v; return this; }

        public Service build() {
            return new Service(b.accountId, b.region, b.cluster, b.serviceName, status, b.launchType,
                    taskDefinitionArn, desiredCount, loadBalancers, grace, settings, b.placementConstraints,
                    b.placementStrategy, b.subnets, b.securityGroups, b.assignPublicIp, b.propagateTags,
                    b.enableEcsManagedTags, tags, deployments, progress, events, b.createdAt, b.createdBy, former,
                    b.capacityProviderStrategy);
        }
    }
}
