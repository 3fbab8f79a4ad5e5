package berth.ecs.api;

import berth.ecs.core.task.CapacityProviderItem;
import software.amazon.awssdk.services.ecs.model.CapacityProviderStrategyItem;

import berth.ecs.core.Cluster;
import berth.ecs.core.ClusterConfiguration;
import berth.ecs.state.ClusterActivity;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ecs.model.ClusterField;
import software.amazon.awssdk.services.ecs.model.ClusterSetting;
import software.amazon.awssdk.services.ecs.model.ExecuteCommandConfiguration;
import software.amazon.awssdk.services.ecs.model.ExecuteCommandLogConfiguration;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;

/** Clusters between the SDK's shapes and the core record, with the counts ECS reports beside them. */
final class ClusterMapping {
    private ClusterMapping() {}

    /** The counts of a cluster: registered instances and the task and service counts. */
    record Counts(int registeredInstances, ClusterActivity.Counts activity) {
        static final Counts NONE = new Counts(0,
                new ClusterActivity.Counts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
    }

    static ClusterConfiguration configuration(software.amazon.awssdk.services.ecs.model.ClusterConfiguration c) {
        if (c == null) {
            return ClusterConfiguration.none();
        }
        if (c.managedStorageConfiguration() != null) {
            throw EcsErrors.CLIENT.exception("berth does not support 'managedStorageConfiguration'.");
        }
        ExecuteCommandConfiguration exec = c.executeCommandConfiguration();
        if (exec == null) {
            return ClusterConfiguration.none();
        }
        ExecuteCommandLogConfiguration log = exec.logConfiguration();
        return new ClusterConfiguration(text(exec.kmsKeyId()), exec.logging() == null ? "" : exec.loggingAsString(),
                log == null ? "" : text(log.cloudWatchLogGroupName()),
                log != null && Boolean.TRUE.equals(log.cloudWatchEncryptionEnabled()),
                log == null ? "" : text(log.s3BucketName()),
                log != null && Boolean.TRUE.equals(log.s3EncryptionEnabled()),
                log == null ? "" : text(log.s3KeyPrefix()));
    }

    /** Cluster settings as ECS takes them: containerInsights only, enabled, enhanced or disabled. */
    static List<Cluster.Setting> settings(List<ClusterSetting> settings) {
        for (ClusterSetting s : settings) {
            if (!"containerInsights".equals(s.nameAsString())) {
                throw EcsErrors.INVALID_PARAMETER.exception("Invalid setting name " + s.nameAsString()
                        + ". The only valid cluster setting name is containerInsights.");
            }
            if (!java.util.Set.of("enabled", "enhanced", "disabled").contains(String.valueOf(s.value()))) {
                throw EcsErrors.INVALID_PARAMETER.exception("Invalid value " + s.value() + " for containerInsights."
                        + " Valid values: enabled, enhanced, disabled.");
            }
        }
        return settings.stream().map(s -> new Cluster.Setting(s.nameAsString(), s.value())).toList();
    }

    static software.amazon.awssdk.services.ecs.model.Cluster toSdk(Cluster cluster, Set<ClusterField> include,
                                                                  Counts counts) {
        ClusterActivity.Counts a = counts.activity();
        var builder = software.amazon.awssdk.services.ecs.model.Cluster.builder()
                .clusterArn(cluster.arn())
                .clusterName(cluster.name())
                .status(cluster.status())
                .registeredContainerInstancesCount(counts.registeredInstances())
                .runningTasksCount(a.running())
                .pendingTasksCount(a.pending())
                .activeServicesCount(a.activeServices())
                .statistics(List.of())
                .capacityProviders(cluster.capacityProviders())
                .defaultCapacityProviderStrategy(strategy(cluster.defaultStrategy()));
        if (include.contains(ClusterField.STATISTICS)) {
            builder.statistics(List.of(
                    stat("runningEC2TasksCount", a.runningEc2()),
                    stat("runningFargateTasksCount", a.runningFargate()),
                    stat("pendingFargateTasksCount", a.pendingFargate()),
                    stat("runningExternalTasksCount", a.runningExternal()),
                    stat("pendingEC2TasksCount", a.pendingEc2()),
                    stat("pendingExternalTasksCount", a.pendingExternal()),
                    stat("activeEC2ServiceCount", a.activeEc2Services()),
                    stat("activeFargateServiceCount", a.activeFargateServices()),
                    stat("drainingFargateServiceCount", a.drainingFargateServices()),
                    stat("activeExternalServiceCount", a.activeExternalServices()),
                    stat("drainingEC2ServiceCount", a.drainingEc2Services()),
                    stat("drainingExternalServiceCount", a.drainingExternalServices())));
        }
        if (include.contains(ClusterField.SETTINGS)) {
            builder.settings(cluster.settings().stream()
                    .map(s -> ClusterSetting.builder().name(s.name()).value(s.value()).build()).toList());
        }
        if (include.contains(ClusterField.CONFIGURATIONS) && !cluster.configuration().isNone()) {
            builder.configuration(c -> c.executeCommandConfiguration(executeCommand(cluster.configuration())));
        }
        if (!cluster.serviceConnectNamespace().isEmpty()) {
            builder.serviceConnectDefaults(d -> d.namespace(cluster.serviceConnectNamespace()));
        }
        if (include.contains(ClusterField.TAGS) && !cluster.tags().isEmpty()) {
            builder.tags(TagMapping.toSdk(cluster.tags()));
        }
        return builder.build();
    }

    static List<CapacityProviderStrategyItem> strategy(List<CapacityProviderItem> items) {
        return items.stream().map(i -> CapacityProviderStrategyItem.builder().capacityProvider(i.capacityProvider())
                .weight(i.weight()).base(i.base()).build()).toList();
    }

    private static ExecuteCommandConfiguration executeCommand(ClusterConfiguration c) {
        var exec = ExecuteCommandConfiguration.builder();
        if (!c.kmsKeyId().isEmpty()) exec.kmsKeyId(c.kmsKeyId());
        if (!c.logging().isEmpty()) exec.logging(c.logging());
        if (!c.cloudWatchLogGroupName().isEmpty() || !c.s3BucketName().isEmpty()) {
            var log = ExecuteCommandLogConfiguration.builder();
            if (!c.cloudWatchLogGroupName().isEmpty()) {
                log.cloudWatchLogGroupName(c.cloudWatchLogGroupName()).cloudWatchEncryptionEnabled(
                        c.cloudWatchEncryptionEnabled());
            }
            if (!c.s3BucketName().isEmpty()) {
                log.s3BucketName(c.s3BucketName()).s3EncryptionEnabled(c.s3EncryptionEnabled());
                if (!c.s3KeyPrefix().isEmpty()) log.s3KeyPrefix(c.s3KeyPrefix());
            }
            exec.logConfiguration(log.build());
        }
        return exec.build();
    }

    private static KeyValuePair stat(String name, int value) {
        return KeyValuePair.builder().name(name).value(Integer.toString(value)).build();
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
