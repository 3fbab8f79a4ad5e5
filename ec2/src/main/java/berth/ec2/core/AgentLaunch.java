package berth.ec2.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How an instance's agent process is started: {@code berth agent} arguments and environment. The
 * agent declares the instance type's capacity ({@code vCPUs × 1024} CPU units; its memory less
 * {@code ECS_RESERVED_MEMORY}), joins the cluster its user data names, registers the instance
 * metadata service's identity document (instance id, type, zone), and signs as the instance
 * profile's role through that service, or with the account root's keys when it has no profile.
 *
 * @param arguments   the agent's command-line arguments
 * @param environment the variables set for it (nothing else of berth's environment is passed on)
 */
public record AgentLaunch(List<String> arguments, Map<String, String> environment) {
    public AgentLaunch {
        arguments = List.copyOf(arguments);
        environment = Map.copyOf(environment);
    }

    /** Keys of an account's root, for an instance without an instance profile. */
    public record RootKeys(String accessKeyId, String secretAccessKey) {}

    public static AgentLaunch of(Instance instance, InstanceTypes.Type type, EcsConfig config, String endpoint,
                                 String dataDir, String metadataEndpoint, Optional<RootKeys> rootKeys) {
        List<String> args = new ArrayList<>(List.of("--cluster", config.cluster(), "--endpoint", endpoint,
                "--cpu", Integer.toString(type.cpuUnits()),
                "--memory", Long.toString(Math.max(1, type.memoryMiB() - config.reservedMemoryMiB())),
                "--name", instance.id(), "--zone", instance.availabilityZone(), "--data-dir", dataDir,
                "--region", instance.region(), "--instance-metadata", metadataEndpoint));
        config.instanceAttributes().forEach((key, value) -> args.addAll(List.of("--attribute", key + "=" + value)));
        if (config.cleanupWaitSeconds() > 0) {
            args.addAll(List.of("--cleanup-wait", config.cleanupWaitSeconds() + "s"));
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_REGION", instance.region());
        env.put("AWS_EC2_METADATA_SERVICE_ENDPOINT", metadataEndpoint);
        rootKeys.ifPresent(keys -> {
            env.put("AWS_ACCESS_KEY_ID", keys.accessKeyId());
            env.put("AWS_SECRET_ACCESS_KEY", keys.secretAccessKey());
        });
        return new AgentLaunch(args, env);
    }
}
