package berth.ecs.core;

import berth.aws.Scope;

/** ARNs of ECS resources in a scope, in the new long ARN format that ECS uses today. */
public final class EcsArns {
    private static final String SERVICE = "ecs";

    private EcsArns() {}

    public static String cluster(Scope scope, String name) {
        return scope.arn(SERVICE, "cluster/" + name);
    }

    public static String capacityProvider(Scope scope, String name) {
        return scope.arn(SERVICE, "capacity-provider/" + name);
    }

    /** The name a capacity provider reference gives: the name itself or the last part of its ARN. */
    public static String capacityProviderName(String nameOrArn) {
        int slash = nameOrArn.lastIndexOf('/');
        return nameOrArn.startsWith("arn:") && slash >= 0 ? nameOrArn.substring(slash + 1) : nameOrArn;
    }

    public static String taskDefinition(Scope scope, String family, int revision) {
        return scope.arn(SERVICE, "task-definition/" + family + ":" + revision);
    }

    /**
     * The ARN of instance {@code id} of {@code cluster}; with an empty id, the prefix of the cluster's
     * instance ARNs.
     */
    public static String containerInstance(Scope scope, String cluster, String id) {
        return scope.arn(SERVICE, "container-instance/" + cluster + "/" + id);
    }

    /** The prefix of every container instance ARN of the scope, whatever the cluster. */
    public static String containerInstancePrefix(Scope scope) {
        return scope.arn(SERVICE, "container-instance/");
    }

    public static String service(Scope scope, String cluster, String name) {
        return scope.arn(SERVICE, "service/" + cluster + "/" + name);
    }

    public static String task(Scope scope, String cluster, String id) {
        return scope.arn(SERVICE, "task/" + cluster + "/" + id);
    }

    /** The prefix of every task ARN of the scope, whatever the cluster. */
    public static String taskPrefix(Scope scope) {
        return scope.arn(SERVICE, "task/");
    }

    public static String container(Scope scope, String cluster, String taskId, String id) {
        return scope.arn(SERVICE, "container/" + cluster + "/" + taskId + "/" + id);
    }

    /**
     * The cluster name a request means: a bare name, or the resource part of a cluster ARN.
     * Returns the input unchanged when it is not a cluster ARN, so validation can reject it.
     */
    public static String clusterName(String nameOrArn) {
        if (nameOrArn.startsWith("arn:")) {
            int slash = nameOrArn.indexOf(":cluster/");
            return slash < 0 ? nameOrArn : nameOrArn.substring(slash + ":cluster/".length());
        }
        return nameOrArn;
    }
}
