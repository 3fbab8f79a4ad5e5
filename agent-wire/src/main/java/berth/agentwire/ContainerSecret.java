package berth.agentwire;

/**
 * A variable a container gets from a secret: {@code valueFrom} is the ARN (or name) of a Secrets
 * Manager secret or an SSM parameter, read by the agent as the task's execution role.
 */
public record ContainerSecret(String name, String valueFrom) {
    public ContainerSecret {
        name = WireValues.text(name);
        valueFrom = WireValues.text(valueFrom);
    }
}
