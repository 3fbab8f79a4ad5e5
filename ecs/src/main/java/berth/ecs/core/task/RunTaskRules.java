package berth.ecs.core.task;

import berth.ecs.core.LaunchType;
import berth.ecs.core.taskdef.NetworkMode;
import berth.ecs.core.taskdef.TaskDefinition;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The checks ECS makes of a RunTask (and StartTask) request before placing anything, each a pure
 * function that returns what it decided or throws {@link TaskLaunchRejected} with ECS's message.
 */
public final class RunTaskRules {
    public static final int MAX_COUNT = 10;
    public static final int MAX_STARTED_BY = 128;
    public static final int MAX_GROUP = 255;
    public static final int MAX_CONSTRAINTS = 10;
    public static final int MAX_STRATEGIES = 5;
    public static final int MAX_SUBNETS = 16;
    public static final int MAX_SECURITY_GROUPS = 5;
    public static final int MAX_CLIENT_TOKEN = 64;
    public static final String FARGATE_PLATFORM_VERSION = "1.4.0";
    static final Set<String> FARGATE_PROVIDERS = Set.of("FARGATE", "FARGATE_SPOT");
    private static final Set<String> FARGATE_VERSIONS = Set.of("LATEST", "1.4.0", "1.3.0");

    private RunTaskRules() {}

    /** Where the tasks go: an explicit launch type, a Fargate capacity provider strategy, or EC2 by default. */
    public record LaunchTarget(LaunchType launchType, List<CapacityProviderItem> strategy) {
        public LaunchTarget {
            strategy = List.copyOf(strategy);
        }

        /**
         * The capacity provider of the {@code index}-th task (0-based) of the request: the provider with
         * a base takes the first {@code base} tasks, the rest go round the providers by weight. Empty
         * text for a launch type without a strategy.
         */
        public String capacityProviderFor(int index) {
            if (strategy.isEmpty()) {
                return "";
            }
            int remaining = index;
            for (CapacityProviderItem item : strategy) {
                if (remaining < item.base()) {
                    return item.capacityProvider();
                }
                remaining -= item.base();
            }
            int total = strategy.stream().mapToInt(CapacityProviderItem::weight).sum();
            int slot = remaining % total;
            for (CapacityProviderItem item : strategy) {
                if (slot < item.weight()) {
                    return item.capacityProvider();
                }
                slot -= item.weight();
            }
            return strategy.get(0).capacityProvider();
        }
    }

    /**
     * The launch target of {@code launchType} (empty when not given) and {@code strategy} (empty when
     * not given) on a cluster with {@code associated} capacity providers and {@code defaultStrategy}:
     * neither given means the cluster's default strategy, or EC2 when it has none.
     */
    public static LaunchTarget launchTarget(String launchType, List<CapacityProviderItem> strategy,
                                            List<String> associated, List<CapacityProviderItem> defaultStrategy) {
        if (!launchType.isEmpty() && !strategy.isEmpty()) {
            throw TaskLaunchRejected.invalidParameter("Specifying both a launch type and capacity provider strategy"
                    + " is not supported. Remove one and try again.");
        }
        if (!launchType.isEmpty()) {
            return new LaunchTarget(LaunchType.valueOf(launchType), List.of());
        }
        List<CapacityProviderItem> effective = strategy.isEmpty() ? defaultStrategy : strategy;
        if (effective.isEmpty()) {
            return new LaunchTarget(LaunchType.EC2, List.of());
        }
        checkStrategy(effective);
        for (CapacityProviderItem item : effective) {
            if (!associated.contains(item.capacityProvider())) {
                throw TaskLaunchRejected.invalidParameter("The specified capacity provider strategy cannot contain a"
                        + " capacity provider that is not associated with the cluster. Associate the capacity"
                        + " provider with the cluster or specify a valid capacity provider and try again.");
            }
        }
        long fargate = effective.stream().filter(i -> FARGATE_PROVIDERS.contains(i.capacityProvider())).count();
        if (fargate != 0 && fargate != effective.size()) {
            throw TaskLaunchRejected.invalidParameter("The specified capacity provider strategy cannot contain a mix"
                    + " of capacity providers using Auto Scaling groups and Fargate providers. Specify one or the"
                    + " other and try again.");
        }
        if (fargate == 0) {
            return new LaunchTarget(LaunchType.EC2, effective);
        }
        return new LaunchTarget(LaunchType.FARGATE, effective);
    }

    /**
     * The rules every capacity provider strategy follows (RunTask, CreateService, a cluster's default):
     * no duplicates, weights 0..1000, bases 0..100000, at most one base, some weight above zero.
     */
    public static void checkStrategy(List<CapacityProviderItem> strategy) {
        Set<String> seen = new HashSet<>();
        int withBase = 0;
        int weights = 0;
        for (CapacityProviderItem item : strategy) {
            if (!seen.add(item.capacityProvider())) {
                throw TaskLaunchRejected.invalidParameter("The specified capacity provider strategy cannot contain"
                        + " duplicate capacity providers.");
            }
            if (item.weight() < 0 || item.weight() > 1000 || item.base() < 0 || item.base() > 100_000) {
                throw TaskLaunchRejected.invalidParameter("A capacity provider weight must be between 0 and 1000"
                        + " and a base between 0 and 100000.");
            }
            withBase += item.base() > 0 ? 1 : 0;
            weights += item.weight();
        }
        if (strategy.size() > 20) {
            throw TaskLaunchRejected.invalidParameter("A capacity provider strategy can contain at most 20 capacity"
                    + " providers.");
        }
        if (withBase > 1) {
            throw TaskLaunchRejected.invalidParameter("Only one capacity provider in a strategy can have a base"
                    + " defined.");
        }
        if (!strategy.isEmpty() && weights == 0) {
            throw TaskLaunchRejected.invalidParameter("At least one capacity provider in a strategy must have a"
                    + " weight greater than zero.");
        }
    }

    public static void checkCount(int count) {
        if (count < 1 || count > MAX_COUNT) {
            throw TaskLaunchRejected.invalidParameter("The count must be between 1 and " + MAX_COUNT + ".");
        }
    }

    /** Checks {@code startedBy}, {@code group} and {@code clientToken} as RunTask documents their limits. */
    public static void checkNames(String startedBy, String group, String clientToken) {
        if (startedBy.length() > MAX_STARTED_BY) {
            throw TaskLaunchRejected.invalidParameter("startedBy can be at most " + MAX_STARTED_BY
                    + " characters long.");
        }
        if (group.length() > MAX_GROUP) {
            throw TaskLaunchRejected.invalidParameter("group can be at most " + MAX_GROUP + " characters long.");
        }
        if (clientToken.length() > MAX_CLIENT_TOKEN || !clientToken.chars().allMatch(c -> c >= 33 && c <= 126)) {
            throw TaskLaunchRejected.invalidParameter("clientToken can be at most " + MAX_CLIENT_TOKEN
                    + " characters in the ASCII range 33-126.");
        }
    }

    public static void checkPlacement(int constraints, int strategies, LaunchType launchType) {
        if (constraints > MAX_CONSTRAINTS) {
            throw TaskLaunchRejected.invalidParameter("Too many placement constraints. A task can have at most "
                    + MAX_CONSTRAINTS + " placement constraints.");
        }
        if (strategies > MAX_STRATEGIES) {
            throw TaskLaunchRejected.invalidParameter("Too many placement strategies. A task can have at most "
                    + MAX_STRATEGIES + " placement strategies.");
        }
        if (launchType == LaunchType.FARGATE && constraints + strategies > 0) {
            throw TaskLaunchRejected.invalidParameter("Task placement constraints and strategies are not supported"
                    + " for tasks using the FARGATE launch type.");
        }
    }

    /** The definition must list the launch type among its compatibilities (ECS's ClientException otherwise). */
    public static void checkCompatibility(TaskDefinition definition, LaunchType launchType) {
        if (!definition.active()) {
            throw TaskLaunchRejected.client("TaskDefinition is inactive");
        }
        if (!definition.compatibleWith(launchType.name())) {
            throw TaskLaunchRejected.client("Task definition does not support launch_type " + launchType.name() + ".");
        }
    }

    /**
     * The subnets the task's interface goes in: those of {@code awsvpc} for an awsvpc definition (which
     * requires one), none otherwise (where a configuration is refused).
     */
    public static List<String> subnets(TaskDefinition definition, Optional<AwsVpcConfiguration> awsvpc) {
        if (definition.effectiveNetworkMode() != NetworkMode.AWSVPC) {
            if (awsvpc.isPresent()) {
                throw TaskLaunchRejected.invalidParameter("Network Configuration is not valid for the given"
                        + " networkMode of this task definition.");
            }
            return List.of();
        }
        AwsVpcConfiguration config = awsvpc.orElseThrow(() -> TaskLaunchRejected.invalidParameter(
                "Network Configuration must be provided when networkMode 'awsvpc' is specified."));
        if (config.subnets().isEmpty()) {
            throw TaskLaunchRejected.invalidParameter("subnets can not be empty.");
        }
        if (config.subnets().size() > MAX_SUBNETS) {
            throw TaskLaunchRejected.invalidParameter("subnets can have at most " + MAX_SUBNETS + " items.");
        }
        if (config.securityGroups().size() > MAX_SECURITY_GROUPS) {
            throw TaskLaunchRejected.invalidParameter("securityGroups can have at most " + MAX_SECURITY_GROUPS
                    + " items.");
        }
        for (String subnet : config.subnets()) {
            if (!subnet.matches("subnet-[0-9a-zA-Z-]+")) {
                throw TaskLaunchRejected.invalidParameter("Error retrieving subnet information for [" + subnet
                        + "]: The subnet ID '" + subnet + "' does not exist");
            }
        }
        return config.subnets();
    }

    /** The platform version the tasks report: ECS's current Fargate version; none for EC2 and EXTERNAL. */
    public static String platformVersion(String requested, LaunchType launchType) {
        if (launchType != LaunchType.FARGATE) {
            if (!requested.isEmpty()) {
                throw TaskLaunchRejected.invalidParameter("The platform version must be null when specifying an "
                        + launchType.name() + " launch type.");
            }
            return "";
        }
        if (requested.isEmpty() || requested.equals("LATEST")) {
            return FARGATE_PLATFORM_VERSION;
        }
        if (!FARGATE_VERSIONS.contains(requested)) {
            throw new TaskLaunchRejected(TaskLaunchRejected.Kind.PLATFORM_UNKNOWN,
                    "The specified platform version does not exist.");
        }
        return requested;
    }
}
