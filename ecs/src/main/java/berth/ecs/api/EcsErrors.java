package berth.ecs.api;

import berth.agentwire.AgentProtocol;
import berth.aws.AwsException;
import berth.aws.ErrorCode;
import berth.ecs.core.task.TaskLaunchRejected;
import berth.ecs.core.taskdef.InvalidTaskDefinitionException;
import java.util.Arrays;

/**
 * The error codes ECS answers with, and the messages used in more than one place. ECS's own codes
 * are client faults with status 400 but for {@code ServerException}; berth's agent endpoints answer
 * with the same catalog, as JSON with each code's status. Core refusals name their code
 * ({@link TaskLaunchRejected#code()}, {@link InvalidTaskDefinitionException#code()}); {@link #of}
 * maps them here.
 */
public enum EcsErrors implements ErrorCode {
    ATTRIBUTE_LIMIT_EXCEEDED("AttributeLimitExceededException"),
    CLIENT("ClientException"),
    CLUSTER_CONTAINS_CONTAINER_INSTANCES("ClusterContainsContainerInstancesException"),
    CLUSTER_CONTAINS_SERVICES("ClusterContainsServicesException"),
    CLUSTER_CONTAINS_TASKS("ClusterContainsTasksException"),
    CLUSTER_NOT_FOUND("ClusterNotFoundException"),
    CONFLICT("ConflictException"),
    INVALID_PARAMETER("InvalidParameterException"),
    PLATFORM_UNKNOWN("PlatformUnknownException"),
    RESOURCE_IN_USE("ResourceInUseException"),
    RESOURCE_NOT_FOUND("ResourceNotFoundException"),
    SERVER("ServerException", 500),
    SERVICE_NOT_ACTIVE("ServiceNotActiveException"),
    SERVICE_NOT_FOUND("ServiceNotFoundException"),
    TARGET_NOT_FOUND("TargetNotFoundException"),
    UNSUPPORTED_FEATURE("UnsupportedFeatureException"),

    // berth's agent endpoints (berth.agentwire) only
    INVALID_SIGNATURE("InvalidSignatureException", 403),
    NOT_FOUND("NotFound", 404),
    CONTAINER_INSTANCE_NOT_FOUND("ContainerInstanceNotFound", 404),
    TASK_NOT_FOUND("TaskNotFound", 404),
    METHOD_NOT_ALLOWED("MethodNotAllowed", 405),
    UNSUPPORTED_AGENT_PROTOCOL(AgentProtocol.UNSUPPORTED_VERSION);

    private final String code;
    private final int status;

    EcsErrors(String code) {
        this(code, 400);
    }

    EcsErrors(String code, int status) {
        this.code = code;
        this.status = status;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public int status() {
        return status;
    }

    /** The catalog entry of a code a core rule refuses with. */
    static EcsErrors of(String code) {
        return Arrays.stream(values()).filter(e -> e.code.equals(code)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no ECS error code " + code));
    }

    static AwsException of(TaskLaunchRejected rejected) {
        return of(rejected.code()).exception(rejected.getMessage());
    }

    static AwsException of(InvalidTaskDefinitionException invalid) {
        return of(invalid.code()).exception(invalid.getMessage());
    }

    static AwsException clusterNotFound() {
        return CLUSTER_NOT_FOUND.exception("Cluster not found.");
    }

    static AwsException serviceNotFound() {
        return SERVICE_NOT_FOUND.exception("Service not found.");
    }

    static AwsException taskNotFound() {
        return INVALID_PARAMETER.exception("The referenced task was not found.");
    }

    static AwsException taskDefinitionNotFound() {
        return CLIENT.exception("TaskDefinition not found.");
    }
}
