package berth.ecs.core;

/** ARNs of ECS resources, in the new long ARN format that ECS uses today. */
public final class EcsArns {
    private EcsArns() {}

    public static String cluster(String account, String region, String name) {
        return "arn:aws:ecs:" + region + ":" + account + ":cluster/" + name;
    }

    public static String capacityProvider(String account, String region, String name) {
        return "arn:aws:ecs:" + region + ":" + account + ":capacity-provider/" + name;
    }

    /** The name a capacity provider reference gives: the name itself or the last part of its ARN. */
    public static String capacityProviderName(String nameOrArn) {
        int slash = nameOrArn.lastIndexOf('/');
        return nameOrArn.startsWith("arn:") && slash >= 0 ? nameOrArn.substring(slash + 1) : nameOrArn;
    }

    public static String taskDefinition(String account, String region, String family, int revision) {
        return "arn:aws:ecs:" + region + ":" + account + ":task-definition/" + family + ":" + revision;
    }

    public static String containerInstance(String account, String region, String cluster, String id) {
        return "arn:aws:ecs:" + region + ":" + account + ":container-instance/" + cluster + "/" + id;
    }

    public static String task(String account, String region, String cluster, String id) {
        return "arn:aws:ecs:" + region + ":" + account + ":task/" + cluster + "/" + id;
    }

    public static String container(String account, String region, String cluster, String taskId, String id) {
        return "arn:aws:ecs:" + region + ":" + account + ":container/" + cluster + "/" + taskId + "/" + id;
    }

    /** An attachment's ARN as agents name it in SubmitAttachmentStateChanges. */
    public static String attachment(String account, String region, String id) {
        return "arn:aws:ecs:" + region + ":" + account + ":attachment/" + id;
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
