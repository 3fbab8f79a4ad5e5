package berth.apprunner.core;

import berth.aws.Scope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An App Runner service: what it runs ({@link ImageSource}; for a service built from source,
 * {@code code} is its {@link CodeSource} and the image is the last one built, else null), on what size of instance, checked how,
 * scaled by which configuration, and where it is reached ({@code urlHost}). {@code generation} counts
 * the deployments asked for (create, StartDeployment, UpdateService, an auto-deployed push);
 * {@link Resources} records what the service runs on and which generation and image they carry.
 * {@code paused} and {@code deleting} are what the caller asked; {@code status} is what App Runner
 * reports, moved by the control loop as the resources converge. Operations are newest first.
 */
public record AppService(String accountId, String region, String name, String id, String arn, String status,
                         ImageSource source, CodeSource code, String cpu, String memory, String instanceRoleArn, HealthCheck healthCheck,
                         String autoScalingArn, String urlHost, Map<String, String> tags, Instant createdAt,
                         Instant updatedAt, long generation, boolean paused, boolean deleting, Resources resources,
                         List<Operation> operations, List<CustomDomain> domains, String observabilityArn,
                         String vpcConnectorArn) {

    /** How many operations a service keeps. */
    public static final int KEPT_OPERATIONS = 50;

    public AppService {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        operations = operations == null ? List.of() : List.copyOf(operations);
        domains = domains == null ? List.of() : List.copyOf(domains);
        observabilityArn = observabilityArn == null ? "" : observabilityArn;
        vpcConnectorArn = vpcConnectorArn == null ? "" : vpcConnectorArn;
        resources = resources == null ? Resources.NONE : resources;
        instanceRoleArn = instanceRoleArn == null ? "" : instanceRoleArn;
    }

    /**
     * What the service runs on, once made: the ECS service and task definition, the target group and
     * listener rule, the image digest deployed, and the generation they carry; empty strings until then.
     */
    public record Resources(String targetGroupArn, String ruleArn, String ecsServiceName, String taskDefinitionArn,
                            String imageDigest, long generation, int desiredCount, String builtImage, String builtCommit,
                            long builtGeneration) {
        public static final Resources NONE = new Resources("", "", "", "", "", 0, 0, "", "", 0);

        public Resources {
            builtImage = builtImage == null ? "" : builtImage;
            builtCommit = builtCommit == null ? "" : builtCommit;
        }

        public Resources built(String image, String commit, long gen) {
            return new Resources(targetGroupArn, ruleArn, ecsServiceName, taskDefinitionArn, imageDigest, generation,
                    desiredCount, image, commit, gen);
        }

        public Resources withTargetGroup(String arn) {
            return new Resources(arn, ruleArn, ecsServiceName, taskDefinitionArn, imageDigest, generation, desiredCount,
                    builtImage, builtCommit, builtGeneration);
        }

        public Resources withRule(String arn) {
            return new Resources(targetGroupArn, arn, ecsServiceName, taskDefinitionArn, imageDigest, generation, desiredCount,
                    builtImage, builtCommit, builtGeneration);
        }

        public Resources deployed(String service, String taskDefinition, String digest, long gen, int count) {
            return new Resources(targetGroupArn, ruleArn, service, taskDefinition, digest, gen, count, builtImage, builtCommit,
                    builtGeneration);
        }

        public Resources withDesiredCount(int count) {
            return new Resources(targetGroupArn, ruleArn, ecsServiceName, taskDefinitionArn, imageDigest, generation, count,
                    builtImage, builtCommit, builtGeneration);
        }
    }

    public Scope scope() {
        return new Scope(accountId, region);
    }

    /** The application's log group, where its instances' output goes. */
    public String applicationLogGroup() {
        return "/aws/apprunner/" + name + "/" + id + "/application";
    }

    /** The service's own log group, where App Runner writes the events of its operations. */
    public String serviceLogGroup() {
        return "/aws/apprunner/" + name + "/" + id + "/service";
    }

    public java.util.Optional<Operation> runningOperation() {
        return operations.stream().filter(Operation::running).findFirst();
    }

    public AppService withStatus(String value, Instant now) {
        return new AppService(accountId, region, name, id, arn, value, source, code, cpu, memory, instanceRoleArn, healthCheck,
                autoScalingArn, urlHost, tags, createdAt, now, generation, paused, deleting, resources, operations, domains, observabilityArn, vpcConnectorArn);
    }

    public AppService withResources(Resources value) {
        return new AppService(accountId, region, name, id, arn, status, source, code, cpu, memory, instanceRoleArn, healthCheck,
                autoScalingArn, urlHost, tags, createdAt, updatedAt, generation, paused, deleting, value, operations, domains, observabilityArn, vpcConnectorArn);
    }

    /**
     * The observability configuration (tracing: kept and returned, berth records no traces) and VPC
     * connector (kept and returned; instances reach the network of this host either way) the
     * service names; empty when none.
     */
    public AppService withSettings(String observability, String vpcConnector) {
        return new AppService(accountId, region, name, id, arn, status, source, code, cpu, memory, instanceRoleArn,
                healthCheck, autoScalingArn, urlHost, tags, createdAt, updatedAt, generation, paused, deleting, resources,
                operations, domains, observability, vpcConnector);
    }

    public AppService withDomains(List<CustomDomain> value) {
        return new AppService(accountId, region, name, id, arn, status, source, code, cpu, memory, instanceRoleArn,
                healthCheck, autoScalingArn, urlHost, tags, createdAt, updatedAt, generation, paused, deleting, resources,
                operations, value, observabilityArn, vpcConnectorArn);
    }

    public AppService withTags(Map<String, String> value) {
        return new AppService(accountId, region, name, id, arn, status, source, code, cpu, memory, instanceRoleArn, healthCheck,
                autoScalingArn, urlHost, value, createdAt, updatedAt, generation, paused, deleting, resources, operations, domains, observabilityArn, vpcConnectorArn);
    }

    /** Starts an operation: the service is OPERATION_IN_PROGRESS until the control loop ends it. */
    public AppService begin(Operation op, boolean newGeneration, boolean pause, boolean delete, Instant now) {
        List<Operation> ops = new ArrayList<>();
        ops.add(op);
        ops.addAll(operations);
        if (ops.size() > KEPT_OPERATIONS) ops = ops.subList(0, KEPT_OPERATIONS);
        return new AppService(accountId, region, name, id, arn, "OPERATION_IN_PROGRESS", source, code, cpu, memory,
                instanceRoleArn, healthCheck, autoScalingArn, urlHost, tags, createdAt, now,
                newGeneration ? generation + 1 : generation, pause, delete, resources, ops, domains, observabilityArn, vpcConnectorArn);
    }

    /** Ends the running operation with {@code opStatus} and reports the service {@code serviceStatus}. */
    public AppService end(String opStatus, String serviceStatus, Instant now) {
        List<Operation> ops = operations.stream().map(o -> o.running() ? o.ended(opStatus, now) : o).toList();
        return new AppService(accountId, region, name, id, arn, serviceStatus, source, code, cpu, memory, instanceRoleArn,
                healthCheck, autoScalingArn, urlHost, tags, createdAt, now, generation, paused, deleting, resources, ops, domains, observabilityArn, vpcConnectorArn);
    }

    /** The service changed as UpdateService asks; the caller begins the operation that deploys it. */
    public AppService updated(ImageSource newSource, CodeSource newCode, String newCpu, String newMemory, String newRole,
                              HealthCheck newCheck, String newScaling) {
        return new AppService(accountId, region, name, id, arn, status, newSource, newCode, newCpu, newMemory, newRole, newCheck,
                newScaling, urlHost, tags, createdAt, updatedAt, generation, paused, deleting, resources, operations, domains, observabilityArn, vpcConnectorArn);
    }
}
