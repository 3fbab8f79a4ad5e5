package berth.ecs.core;

import berth.aws.Scope;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An ECS cluster in one account and region. {@code status} is ACTIVE, or INACTIVE once deleted
 * (ECS keeps describing deleted clusters as INACTIVE; creating the name again reactivates it).
 * {@code serviceConnectNamespace} is the default Service Connect namespace, empty when unset.
 * {@code capacityProviders} are the providers associated with it (PutClusterCapacityProviders) and
 * {@code defaultStrategy} the strategy RunTask and CreateService use when given neither a launch
 * type nor a strategy.
 */
public record Cluster(String accountId, String region, String name, String status, Map<String, String> tags,
                      List<Setting> settings, Instant createdAt, ClusterConfiguration configuration,
                      String serviceConnectNamespace, List<String> capacityProviders,
                      List<berth.ecs.core.task.CapacityProviderItem> defaultStrategy) {

    public static final String ACTIVE = "ACTIVE";
    public static final String INACTIVE = "INACTIVE";
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,255}");

    /** A cluster setting such as {@code containerInsights=enabled}. */
    public record Setting(String name, String value) {}

    public Cluster {
        tags = berth.ecs.core.OrderedMaps.copyOf(tags);
        settings = List.copyOf(settings);
        configuration = configuration == null ? ClusterConfiguration.none() : configuration;
        serviceConnectNamespace = serviceConnectNamespace == null ? "" : serviceConnectNamespace;
        capacityProviders = capacityProviders == null ? List.of() : List.copyOf(capacityProviders);
        defaultStrategy = defaultStrategy == null ? List.of() : List.copyOf(defaultStrategy);
    }

    public static boolean validName(String name) {
        return NAME.matcher(name).matches();
    }

    public Scope scope() {
        return new Scope(accountId, region);
    }

    public String arn() {
        return EcsArns.cluster(scope(), name);
    }

    public boolean active() {
        return ACTIVE.equals(status);
    }

    public Cluster withStatus(String newStatus) {
        return new Cluster(accountId, region, name, newStatus, tags, settings, createdAt, configuration,
                serviceConnectNamespace, capacityProviders, defaultStrategy);
    }

    public Cluster withTags(Map<String, String> newTags) {
        return new Cluster(accountId, region, name, status, newTags, settings, createdAt, configuration,
                serviceConnectNamespace, capacityProviders, defaultStrategy);
    }

    /** This cluster with {@code changed} settings replacing those of the same name, others kept. */
    public Cluster withSettings(List<Setting> changed) {
        java.util.Map<String, Setting> byName = new java.util.LinkedHashMap<>();
        settings.forEach(s -> byName.put(s.name(), s));
        changed.forEach(s -> byName.put(s.name(), s));
        return new Cluster(accountId, region, name, status, tags, List.copyOf(byName.values()), createdAt,
                configuration, serviceConnectNamespace, capacityProviders, defaultStrategy);
    }

    public Cluster withConfiguration(ClusterConfiguration newConfiguration) {
        return new Cluster(accountId, region, name, status, tags, settings, createdAt, newConfiguration,
                serviceConnectNamespace, capacityProviders, defaultStrategy);
    }

    public Cluster withCapacityProviders(List<String> providers, List<berth.ecs.core.task.CapacityProviderItem> strategy) {
        return new Cluster(accountId, region, name, status, tags, settings, createdAt, configuration,
                serviceConnectNamespace, providers, strategy);
    }

    public Cluster withServiceConnectNamespace(String namespace) {
        return new Cluster(accountId, region, name, status, tags, settings, createdAt, configuration, namespace,
                capacityProviders, defaultStrategy);
    }
}
