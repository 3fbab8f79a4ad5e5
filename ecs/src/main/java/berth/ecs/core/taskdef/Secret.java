package berth.ecs.core.taskdef;

import java.util.Objects;

/**
 * A secret a container receives as an environment variable (or a log driver as an option):
 * {@code valueFrom} is the ARN (or name) of a Secrets Manager secret or SSM parameter.
 */
public record Secret(String name, String valueFrom) {
    public Secret {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(valueFrom, "valueFrom");
    }

    public boolean fromSecretsManager() {
        return valueFrom.startsWith("arn:") && valueFrom.contains(":secretsmanager:");
    }
}
