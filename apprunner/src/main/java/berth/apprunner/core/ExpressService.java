package berth.apprunner.core;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An ECS Express Mode service as berth made it: the ECS service (its ARN is the Express service's),
 * the configuration it runs, and what it is reached by: a host-header rule of the scope's load
 * balancer for {@code endpointHost}, a target group, and its log group.
 */
public record ExpressService(String accountId, String region, String cluster, String serviceName, String serviceArn,
                             String infrastructureRoleArn, Config config, String endpointHost, String targetGroupArn,
                             String ruleArn, Map<String, String> tags, Instant createdAt, Instant updatedAt,
                             boolean deleting) {
    public ExpressService {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    /** One configuration: the container, its size and roles, its health check, network and scaling bounds. */
    public record Config(String image, int containerPort, List<String> command, Map<String, String> environment,
                         Map<String, String> secrets, String logGroup, String logStreamPrefix, String cpu, String memory,
                         String executionRoleArn, String taskRoleArn, String healthCheckPath, List<String> subnets,
                         List<String> securityGroups, int minTaskCount, int maxTaskCount, String scalingMetric,
                         int scalingTargetValue, String taskDefinitionArn, Instant createdAt) {
        public Config {
            command = command == null ? List.of() : List.copyOf(command);
            environment = environment == null ? Map.of() : Map.copyOf(environment);
            secrets = secrets == null ? Map.of() : Map.copyOf(secrets);
            subnets = subnets == null ? List.of() : List.copyOf(subnets);
            securityGroups = securityGroups == null ? List.of() : List.copyOf(securityGroups);
            taskRoleArn = taskRoleArn == null ? "" : taskRoleArn;
            scalingMetric = scalingMetric == null ? "" : scalingMetric;
        }

        public Config withTaskDefinition(String arn) {
            return new Config(image, containerPort, command, environment, secrets, logGroup, logStreamPrefix, cpu, memory,
                    executionRoleArn, taskRoleArn, healthCheckPath, subnets, securityGroups, minTaskCount, maxTaskCount,
                    scalingMetric, scalingTargetValue, arn, createdAt);
        }
    }

    public berth.aws.Scope scope() {
        return new berth.aws.Scope(accountId, region);
    }

    public ExpressService with(Config value, Instant now) {
        return new ExpressService(accountId, region, cluster, serviceName, serviceArn, infrastructureRoleArn, value,
                endpointHost, targetGroupArn, ruleArn, tags, createdAt, now, deleting);
    }

    public ExpressService deleted(Instant now) {
        return new ExpressService(accountId, region, cluster, serviceName, serviceArn, infrastructureRoleArn, config,
                endpointHost, targetGroupArn, ruleArn, tags, createdAt, now, true);
    }
}
