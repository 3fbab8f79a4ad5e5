package berth.ecs.api;

import berth.aws.AwsException;
import berth.ecs.core.taskdef.InvalidTaskDefinitionException;

/** The error codes ECS answers with; all are client faults with status 400. */
final class EcsErrors {
    private EcsErrors() {}

    static AwsException invalidParameter(String message) {
        return new AwsException(400, "InvalidParameterException", message);
    }

    static AwsException client(String message) {
        return new AwsException(400, "ClientException", message);
    }

    static AwsException of(InvalidTaskDefinitionException e) {
        return e.kind() == InvalidTaskDefinitionException.Kind.CLIENT ? client(e.getMessage())
                : invalidParameter(e.getMessage());
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

    static AwsException clusterContainsServices() {
        return new AwsException(400, "ClusterContainsServicesException",
                "The Cluster cannot be deleted while Services are active.");
    }

    static AwsException targetNotFound(String message) {
        return new AwsException(400, "TargetNotFoundException", message);
    }

    static AwsException attributeLimitExceeded(String message) {
        return new AwsException(400, "AttributeLimitExceededException", message);
    }

    static AwsException resourceNotFound(String message) {
        return new AwsException(400, "ResourceNotFoundException", message);
    }
}
