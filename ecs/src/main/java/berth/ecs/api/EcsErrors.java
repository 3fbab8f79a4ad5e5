package berth.ecs.api;

import berth.aws.AwsException;

/** The error codes ECS answers with; all are client faults with status 400 unless noted. */
final class EcsErrors {
    private EcsErrors() {}

    static AwsException invalidParameter(String message) {
        return new AwsException(400, "InvalidParameterException", message);
    }

    static AwsException client(String message) {
        return new AwsException(400, "ClientException", message);
    }

    static AwsException clusterNotFound() {
        return new AwsException(400, "ClusterNotFoundException", "Cluster not found.");
    }

    static AwsException clusterContainsInstances() {
        return new AwsException(400, "ClusterContainsContainerInstancesException",
                "The Cluster cannot be deleted while Container Instances are active or draining.");
    }

    static AwsException clusterContainsTasks() {
        return new AwsException(400, "ClusterContainsTasksException",
                "The Cluster cannot be deleted while Tasks are active.");
    }
}
