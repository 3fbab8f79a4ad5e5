package berth.agent.loop;

import berth.agent.endpoints.TaskEndpoints;
import berth.agentwire.RoleCredentials;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;

/**
 * The calls the agent makes for a task (registry sign-in, awslogs delivery, secrets) are signed with
 * the task's execution role credentials when its definition names an {@code executionRoleArn}, so the
 * role's policies decide them as they do in ECS; otherwise with the agent's own credentials. The
 * credentials are looked up at each call, so refreshed ones are used once the control plane hands
 * them out.
 */
final class ExecutionRoles {
    private final TaskEndpoints endpoints;

    /** @param endpoints where the tasks' credentials are, as the control plane handed them over */
    ExecutionRoles(TaskEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    /** The request override signing as {@code taskArn}'s execution role, or no change when it has none. */
    /** Whether the task has an execution role whose credentials the agent holds. */
    boolean hasRole(String taskArn) {
        return endpoints.executionRoleCredentials(taskArn).isPresent();
    }

    Consumer<AwsRequestOverrideConfiguration.Builder> of(String taskArn) {
        var first = endpoints.executionRoleCredentials(taskArn);
        if (first.isEmpty()) {
            return b -> { };
        }
        // the last credentials seen stay in use after the task stops (its last log lines still ship)
        AtomicReference<RoleCredentials> last = new AtomicReference<>(first.get());
        return b -> b.credentialsProvider(() -> {
            RoleCredentials c = last.updateAndGet(previous ->
                    endpoints.executionRoleCredentials(taskArn).orElse(previous));
            return AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken());
        });
    }
}
