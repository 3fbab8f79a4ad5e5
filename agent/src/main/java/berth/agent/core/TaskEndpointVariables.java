package berth.agent.core;

import berth.agentwire.AssignedTask;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The variables that point a task's containers at the task endpoints the agent serves on the
 * link-local address {@value #ADDRESS} (where the AWS SDKs look): the task role's credentials, the
 * task metadata endpoint v4, and berth itself for AWS API calls ({@code AWS_ENDPOINT_URL}: the
 * agent forwards {@value #ADDRESS} at the control plane's port to the control plane, so a container on
 * any bridge reaches berth even when berth listens on 127.0.0.1 only).
 */
public final class TaskEndpointVariables {
    public static final String ADDRESS = "169.254.170.2";
    public static final String CREDENTIALS_PATH = "/v2/credentials/";
    public static final String METADATA_PATH = "/v4/";

    private TaskEndpointVariables() {}

    /** The token naming one container in metadata paths: its host name, unique on the host. */
    public static String metadataToken(AssignedTask task, String containerName) {
        return TaskLayout.hostName(task, containerName);
    }

    /** The variables for {@code containerName} of {@code task} under the control plane at {@code controlPlane}. */
    public static Map<String, String> forContainer(AssignedTask task, String containerName, String controlPlane) {
        Map<String, String> env = new LinkedHashMap<>();
        String metadata = "http://" + ADDRESS + METADATA_PATH + metadataToken(task, containerName);
        env.put("ECS_CONTAINER_METADATA_URI_V4", metadata);
        env.put("ECS_CONTAINER_METADATA_URI", metadata);
        if (task.taskRoleCredentials().present()) {
            String path = CREDENTIALS_PATH + task.taskRoleCredentials().credentialsId();
            if (hostNetwork(task)) {
                // the endpoint cannot tell a host-network container by its address: it must show the token
                env.put("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://" + ADDRESS + path);
                env.put("AWS_CONTAINER_AUTHORIZATION_TOKEN", task.taskRoleCredentials().authorizationToken());
            } else {
                env.put("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", path);
            }
        }
        forwardedPort(controlPlane).ifPresent(port -> env.put("AWS_ENDPOINT_URL", "http://" + ADDRESS + ":" + port));
        return env;
    }

    /** Whether the task's containers share the host's network (so their requests come from the host's addresses). */
    public static boolean hostNetwork(AssignedTask task) {
        return AssignedTask.HOST.equals(task.networkMode());
    }

    /** The port at which {@value #ADDRESS} forwards to {@code controlPlane}: the control plane's own port. */
    public static java.util.OptionalInt forwardedPort(String controlPlane) {
        try {
            URI uri = URI.create(controlPlane);
            if (uri.getHost() == null || !"http".equals(uri.getScheme())) {
                return java.util.OptionalInt.empty();
            }
            int port = uri.getPort() > 0 ? uri.getPort() : 80;
            return port == 80 ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(port);
        } catch (IllegalArgumentException e) {
            return java.util.OptionalInt.empty();
        }
    }
}
