package berth.apprunner.control;

import berth.apprunner.core.ExpressService;
import berth.apprunner.core.Ids;
import berth.apprunner.core.Ingress;
import berth.apprunner.state.AppRunnerRecords;
import berth.aws.AwsException;
import berth.aws.ErrorCode;
import berth.aws.Scope;
import berth.ecs.ExpressGateways;
import berth.platform.RecordTable.Versioned;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.ecs.model.AccessType;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.CreateExpressGatewayServiceRequest;
import software.amazon.awssdk.services.ecs.model.CreateExpressGatewayServiceResponse;
import software.amazon.awssdk.services.ecs.model.DeleteExpressGatewayServiceRequest;
import software.amazon.awssdk.services.ecs.model.DeleteExpressGatewayServiceResponse;
import software.amazon.awssdk.services.ecs.model.DescribeExpressGatewayServiceRequest;
import software.amazon.awssdk.services.ecs.model.DescribeExpressGatewayServiceResponse;
import software.amazon.awssdk.services.ecs.model.ECSExpressGatewayService;
import software.amazon.awssdk.services.ecs.model.ExpressGatewayContainer;
import software.amazon.awssdk.services.ecs.model.ExpressGatewayScalingTarget;
import software.amazon.awssdk.services.ecs.model.ExpressGatewayServiceConfiguration;
import software.amazon.awssdk.services.ecs.model.IngressPathSummary;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LogConfiguration;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.Secret;
import software.amazon.awssdk.services.ecs.model.UpdateExpressGatewayServiceRequest;
import software.amazon.awssdk.services.ecs.model.UpdateExpressGatewayServiceResponse;
import software.amazon.awssdk.services.ecs.model.UpdatedExpressGatewayService;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * ECS Express Mode, served under ECS's API: one CreateExpressGatewayService makes the cluster
 * (default {@code default}), the task definition (family = the service name), the log group, an ip
 * target group and a host-header rule on the scope's load balancer (the one App Runner's services
 * share) and the Fargate service with {@code minTaskCount} tasks, and answers the endpoint. Made
 * through the public APIs as the account, in the request; update registers a new revision and
 * rolls the service to it; delete removes the rule and the service. The scaling target becomes an
 * Application Auto Scaling scalable target (minTaskCount..maxTaskCount) with one target-tracking
 * policy on its metric (AVERAGE_CPU, AVERAGE_MEMORY or REQUEST_COUNT_PER_TARGET of the service's
 * target group), made, updated and removed with the service through Application Auto Scaling's API.
 */
public final class ExpressGatewayApi implements ExpressGateways {
    private static final String DOMAIN = System.getenv().getOrDefault("BERTH_EXPRESS_DOMAIN", "ecs.localhost");

    enum Errors implements ErrorCode {
        INVALID_PARAMETER("InvalidParameterException"),
        SERVICE_NOT_FOUND("ServiceNotFoundException");

        private final String code;

        Errors(String code) {
            this.code = code;
        }

        @Override
        public String code() {
            return code;
        }
    }

    private final AppRunnerRecords records;
    private final AccountClients clients;
    private final ServiceResources resources;
    private final Clock clock;
    private final ToIntFunction<Scope> ports;

    public ExpressGatewayApi(AppRunnerRecords records, AccountClients clients, AppRunnerSettings settings, Clock clock,
                             ToIntFunction<Scope> ports) {
        this.records = records;
        this.clients = clients;
        this.resources = new ServiceResources(clients, settings);
        this.clock = clock;
        this.ports = ports;
    }

    @Override
    public CreateExpressGatewayServiceResponse create(Scope scope, CreateExpressGatewayServiceRequest r) {
        String cluster = r.cluster() == null ? "default" : r.cluster();
        ExpressGatewayContainer c = r.primaryContainer();
        String name = r.serviceName() != null ? r.serviceName() : defaultName(c.image());
        String hash = Ids.random().substring(0, 8);
        Instant now = clock.instant();
        ExpressService.Config config = config(c, r.cpu(), r.memory(), r.executionRoleArn(), r.taskRoleArn(),
                r.healthCheckPath(), r.networkConfiguration(), r.scalingTarget(), null, "/aws/ecs/" + cluster + "/" + name + "-" + hash,
                now);
        var set = clients.of(scope);
        set.ecs().createCluster(b -> b.clusterName(cluster));
        boolean exists = set.ecs().describeServices(b -> b.cluster(cluster).services(name)).services().stream()
                .anyMatch(s -> !"INACTIVE".equals(s.status()));
        if (exists) throw Errors.INVALID_PARAMETER.exception("Creation of service was not idempotent: " + name + " exists");
        logGroup(scope, config.logGroup());
        String definition = register(scope, name, config);
        config = config.withTaskDefinition(definition);
        Ingress ingress = ingress(scope);
        String host = name.toLowerCase() + "-" + hash + "." + scope.region() + "." + DOMAIN;
        String tg = targetGroup(scope, "ecs-express-" + hash, config);
        String rule = rule(scope, ingress, host, tg);
        ExpressService.Config made = config;
        set.ecs().createService(b -> b.cluster(cluster).serviceName(name).taskDefinition(definition)
                .desiredCount(made.minTaskCount()).launchType("FARGATE")
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(made.subnets().isEmpty()
                        ? List.of("subnet-express") : made.subnets()).securityGroups(made.securityGroups())))
                .loadBalancers(l -> l.targetGroupArn(tg).containerName("Main").containerPort(made.containerPort()))
                .deploymentConfiguration(d -> d.minimumHealthyPercent(100).maximumPercent(200)
                        .deploymentCircuitBreaker(cb -> cb.enable(true).rollback(true))));
        scale(scope, cluster, name, made, ingress, tg);
        String serviceArn = scope.arn("ecs", "service/" + cluster + "/" + name);
        Map<String, String> tags = new LinkedHashMap<>();
        r.tags().forEach(t -> tags.put(t.key(), t.value()));
        ExpressService service = new ExpressService(scope.accountId(), scope.region(), cluster, name, serviceArn,
                r.infrastructureRoleArn(), config, host, tg, rule, tags, now, now, false);
        records.saveExpress(service, berth.store.Store.ABSENT);
        return CreateExpressGatewayServiceResponse.builder().service(toSdk(service, ingress, "ACTIVE")).build();
    }

    @Override
    public DescribeExpressGatewayServiceResponse describe(Scope scope, DescribeExpressGatewayServiceRequest r) {
        ExpressService s = find(scope, r.serviceArn()).value();
        return DescribeExpressGatewayServiceResponse.builder().service(toSdk(s, ingress(scope), status(s))).build();
    }

    @Override
    public UpdateExpressGatewayServiceResponse update(Scope scope, UpdateExpressGatewayServiceRequest r) {
        Versioned<ExpressService> found = find(scope, r.serviceArn());
        ExpressService s = found.value();
        if (s.deleting()) throw Errors.INVALID_PARAMETER.exception("The service " + s.serviceArn() + " is being deleted");
        ExpressService.Config old = s.config();
        Instant now = clock.instant();
        ExpressService.Config config = config(r.primaryContainer(), r.cpu() == null ? old.cpu() : r.cpu(),
                r.memory() == null ? old.memory() : r.memory(),
                r.executionRoleArn() == null ? old.executionRoleArn() : r.executionRoleArn(),
                r.taskRoleArn() == null ? old.taskRoleArn() : r.taskRoleArn(),
                r.healthCheckPath() == null ? old.healthCheckPath() : r.healthCheckPath(), r.networkConfiguration(),
                r.scalingTarget(), old, old.logGroup(), now);
        String definition = register(scope, s.serviceName(), config);
        config = config.withTaskDefinition(definition);
        ExpressService.Config made = config;
        var elb = clients.of(scope).elb();
        elb.modifyTargetGroup(b -> b.targetGroupArn(s.targetGroupArn()).healthCheckPath(made.healthCheckPath()));
        clients.of(scope).ecs().updateService(b -> b.cluster(s.cluster()).service(s.serviceName())
                .taskDefinition(definition).desiredCount(made.minTaskCount()));
        scale(scope, s.cluster(), s.serviceName(), made, ingress(scope), s.targetGroupArn());
        ExpressService updated = s.with(config, now);
        records.saveExpress(updated, found.version());
        return UpdateExpressGatewayServiceResponse.builder().service(UpdatedExpressGatewayService.builder()
                .serviceArn(s.serviceArn()).serviceName(s.serviceName()).cluster(clusterArn(s)).createdAt(s.createdAt())
                .updatedAt(now).status(st -> st.statusCode("ACTIVE"))
                .targetConfiguration(configuration(config, ingress(scope), s)).build()).build();
    }

    @Override
    public DeleteExpressGatewayServiceResponse delete(Scope scope, DeleteExpressGatewayServiceRequest r) {
        Versioned<ExpressService> found = find(scope, r.serviceArn());
        ExpressService s = found.value();
        var set = clients.of(scope);
        try {
            set.elb().deleteRule(b -> b.ruleArn(s.ruleArn()));
        } catch (software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleNotFoundException gone) {
            // removed by an earlier delete
        }
        try {
            set.scaling().deregisterScalableTarget(b -> b.serviceNamespace("ecs").scalableDimension(DIMENSION)
                    .resourceId(resourceId(s.cluster(), s.serviceName())));
        } catch (software.amazon.awssdk.services.applicationautoscaling.model.ObjectNotFoundException gone) {
            // removed by an earlier delete
        }
        try {
            set.ecs().deleteService(b -> b.cluster(s.cluster()).service(s.serviceName()).force(true));
        } catch (software.amazon.awssdk.services.ecs.model.ServiceNotActiveException
                 | software.amazon.awssdk.services.ecs.model.ServiceNotFoundException gone) {
            // already draining
        }
        ExpressService deleted = s.deleted(clock.instant());
        records.saveExpress(deleted, found.version());
        return DeleteExpressGatewayServiceResponse.builder().service(toSdk(deleted, ingress(scope), "DRAINING")).build();
    }

    private static final String DIMENSION = "ecs:service:DesiredCount";

    private static String resourceId(String cluster, String service) {
        return "service/" + cluster + "/" + service;
    }

    /** The service's scalable target and its target-tracking policy, as the configuration asks. */
    private void scale(Scope scope, String cluster, String service, ExpressService.Config c, Ingress ingress,
                       String targetGroupArn) {
        var scaling = clients.of(scope).scaling();
        String resourceId = resourceId(cluster, service);
        scaling.registerScalableTarget(b -> b.serviceNamespace("ecs").resourceId(resourceId).scalableDimension(DIMENSION)
                .minCapacity(c.minTaskCount()).maxCapacity(c.maxTaskCount()));
        scaling.putScalingPolicy(b -> b.policyName(service + "-express-scaling").serviceNamespace("ecs")
                .resourceId(resourceId).scalableDimension(DIMENSION).policyType("TargetTrackingScaling")
                .targetTrackingScalingPolicyConfiguration(t -> t.targetValue((double) c.scalingTargetValue())
                        .predefinedMetricSpecification(m -> {
                            switch (c.scalingMetric()) {
                                case "AVERAGE_MEMORY" -> m.predefinedMetricType("ECSServiceAverageMemoryUtilization");
                                case "REQUEST_COUNT_PER_TARGET" -> m.predefinedMetricType("ALBRequestCountPerTarget")
                                        .resourceLabel(ingress.loadBalancerArn().substring(
                                                ingress.loadBalancerArn().indexOf(":loadbalancer/") + ":loadbalancer/".length())
                                                + "/" + targetGroupArn.substring(targetGroupArn.lastIndexOf(':') + 1));
                                default -> m.predefinedMetricType("ECSServiceAverageCPUUtilization");
                            }
                        })));
    }

    private Versioned<ExpressService> find(Scope scope, String arn) {
        return records.express(arn).filter(v -> v.value().scope().equals(scope))
                .orElseThrow(() -> Errors.SERVICE_NOT_FOUND.exception("Service not found: " + arn));
    }

    /** ACTIVE, DRAINING while a deleted service's tasks stop, INACTIVE once they have. */
    private String status(ExpressService s) {
        if (!s.deleting()) return "ACTIVE";
        return clients.of(s.scope()).ecs().describeServices(b -> b.cluster(s.cluster()).services(s.serviceName()))
                .services().stream().map(x -> x.status()).findFirst().orElse("INACTIVE");
    }

    private Ingress ingress(Scope scope) {
        Ingress i = records.ingressOrCreate(scope, () -> ports.applyAsInt(scope));
        if (!i.listenerArn().isEmpty()) return i;
        Versioned<Ingress> v = records.ingress(scope).orElseThrow();
        Ingress made = resources.ingress(v.value());
        try {
            records.saveIngress(made, v.version());
        } catch (berth.store.VersionConflict raced) {
            return records.ingress(scope).orElseThrow().value();
        }
        return made;
    }

    private void logGroup(Scope scope, String group) {
        try {
            clients.of(scope).logs().createLogGroup(b -> b.logGroupName(group));
        } catch (ResourceAlreadyExistsException exists) {
            // a group the caller named and made
        }
    }

    private String register(Scope scope, String family, ExpressService.Config c) {
        ContainerDefinition.Builder container = ContainerDefinition.builder().name("Main").image(c.image()).essential(true)
                .portMappings(PortMapping.builder().containerPort(c.containerPort()).protocol("tcp").build())
                .environment(c.environment().entrySet().stream()
                        .map(e -> KeyValuePair.builder().name(e.getKey()).value(e.getValue()).build()).toList())
                .secrets(c.secrets().entrySet().stream()
                        .map(e -> Secret.builder().name(e.getKey()).valueFrom(e.getValue()).build()).toList())
                .logConfiguration(LogConfiguration.builder().logDriver("awslogs").options(Map.of("awslogs-group", c.logGroup(),
                        "awslogs-region", scope.region(), "awslogs-stream-prefix", c.logStreamPrefix())).build());
        if (!c.command().isEmpty()) container.command(c.command());
        return clients.of(scope).ecs().registerTaskDefinition(b -> {
            b.family(family).networkMode("awsvpc").requiresCompatibilities(
                    software.amazon.awssdk.services.ecs.model.Compatibility.FARGATE).cpu(c.cpu()).memory(c.memory())
                    .executionRoleArn(c.executionRoleArn()).containerDefinitions(container.build());
            if (!c.taskRoleArn().isEmpty()) b.taskRoleArn(c.taskRoleArn());
        }).taskDefinition().taskDefinitionArn();
    }

    private String targetGroup(Scope scope, String name, ExpressService.Config c) {
        var elb = clients.of(scope).elb();
        String arn = elb.createTargetGroup(b -> b.name(name).protocol("HTTP").port(c.containerPort()).vpcId("vpc-express")
                .targetType(TargetTypeEnum.IP).healthCheckPath(c.healthCheckPath()).healthCheckIntervalSeconds(5)
                .healthCheckTimeoutSeconds(2).healthyThresholdCount(2)).targetGroups().get(0).targetGroupArn();
        elb.modifyTargetGroupAttributes(b -> b.targetGroupArn(arn).attributes(a -> a
                .key("deregistration_delay.timeout_seconds").value("5")));
        return arn;
    }

    private String rule(Scope scope, Ingress ingress, String host, String tg) {
        var elb = clients.of(scope).elb();
        int priority = elb.describeRules(b -> b.listenerArn(ingress.listenerArn())).rules().stream()
                .filter(x -> !x.isDefault()).mapToInt(x -> Integer.parseInt(x.priority())).max().orElse(0) + 1;
        return elb.createRule(b -> b.listenerArn(ingress.listenerArn()).priority(priority)
                .conditions(k -> k.field("host-header").hostHeaderConfig(h -> h.values(host)))
                .actions(a -> a.type(ActionTypeEnum.FORWARD).targetGroupArn(tg))).rules().get(0).ruleArn();
    }

    /** The configuration a request asks for: unset fields from {@code old} (an update), else Express Mode's defaults. */
    private static ExpressService.Config config(ExpressGatewayContainer c, String cpu, String memory, String executionRole,
                                                String taskRole, String healthCheckPath,
                                                software.amazon.awssdk.services.ecs.model.ExpressGatewayServiceNetworkConfiguration net,
                                                ExpressGatewayScalingTarget scaling, ExpressService.Config old,
                                                String defaultLogGroup, Instant now) {
        if (c == null && old == null) throw Errors.INVALID_PARAMETER.exception("primaryContainer is required");
        if (c != null && c.repositoryCredentials() != null) {
            throw Errors.INVALID_PARAMETER.exception("berth's Express Mode pulls from berth's ECR; repositoryCredentials is not supported");
        }
        String image = c != null ? c.image() : old.image();
        int port = c != null && c.containerPort() != null ? c.containerPort() : old != null ? old.containerPort() : 80;
        List<String> command = c != null && c.hasCommand() ? c.command() : old != null ? old.command() : List.of();
        Map<String, String> env = new LinkedHashMap<>();
        if (c != null && c.hasEnvironment()) c.environment().forEach(e -> env.put(e.name(), e.value()));
        else if (old != null) env.putAll(old.environment());
        Map<String, String> secrets = new LinkedHashMap<>();
        if (c != null && c.hasSecrets()) c.secrets().forEach(e -> secrets.put(e.name(), e.valueFrom()));
        else if (old != null) secrets.putAll(old.secrets());
        String logGroup = c != null && c.awsLogsConfiguration() != null ? c.awsLogsConfiguration().logGroup()
                : old != null ? old.logGroup() : defaultLogGroup;
        String prefix = c != null && c.awsLogsConfiguration() != null ? c.awsLogsConfiguration().logStreamPrefix()
                : old != null ? old.logStreamPrefix() : "ecs";
        List<String> subnets = net != null && net.hasSubnets() ? net.subnets() : old != null ? old.subnets() : List.of();
        List<String> groups = net != null && net.hasSecurityGroups() ? net.securityGroups()
                : old != null ? old.securityGroups() : List.of();
        int min = scaling != null && scaling.minTaskCount() != null ? scaling.minTaskCount() : old != null ? old.minTaskCount() : 1;
        int max = scaling != null && scaling.maxTaskCount() != null ? scaling.maxTaskCount() : old != null ? old.maxTaskCount() : 20;
        String metric = scaling != null && scaling.autoScalingMetric() != null ? scaling.autoScalingMetricAsString()
                : old != null ? old.scalingMetric() : "AVERAGE_CPU";
        int target = scaling != null && scaling.autoScalingTargetValue() != null ? scaling.autoScalingTargetValue()
                : old != null ? old.scalingTargetValue() : 60;
        if (min < 1 || max < min) throw Errors.INVALID_PARAMETER.exception("minTaskCount must be at least 1 and at most maxTaskCount");
        if (!List.of("AVERAGE_CPU", "AVERAGE_MEMORY", "REQUEST_COUNT_PER_TARGET").contains(metric)) {
            throw Errors.INVALID_PARAMETER.exception("autoScalingMetric must be one of AVERAGE_CPU, AVERAGE_MEMORY,"
                    + " REQUEST_COUNT_PER_TARGET");
        }
        return new ExpressService.Config(image, port, command, env, secrets, logGroup, prefix,
                cpu == null ? "1024" : cpu, memory == null ? "2048" : memory, executionRole, taskRole,
                healthCheckPath == null ? "/ping" : healthCheckPath, subnets, groups, min, max, metric, target, "", now);
    }

    private static String defaultName(String image) {
        String last = image.substring(image.lastIndexOf('/') + 1);
        int cut = last.indexOf(':') >= 0 ? last.indexOf(':') : last.indexOf('@');
        String base = (cut >= 0 ? last.substring(0, cut) : last).replaceAll("[^A-Za-z0-9-_]", "-");
        return base + "-" + Ids.random().substring(0, 4);
    }

    private static String clusterArn(ExpressService s) {
        return s.scope().arn("ecs", "cluster/" + s.cluster());
    }

    private static ExpressGatewayServiceConfiguration configuration(ExpressService.Config c, Ingress ingress, ExpressService s) {
        ExpressGatewayContainer.Builder container = ExpressGatewayContainer.builder().image(c.image())
                .containerPort(c.containerPort())
                .awsLogsConfiguration(l -> l.logGroup(c.logGroup()).logStreamPrefix(c.logStreamPrefix()));
        if (!c.command().isEmpty()) container.command(c.command());
        if (!c.environment().isEmpty()) container.environment(c.environment().entrySet().stream()
                .map(e -> KeyValuePair.builder().name(e.getKey()).value(e.getValue()).build()).toList());
        if (!c.secrets().isEmpty()) container.secrets(c.secrets().entrySet().stream()
                .map(e -> Secret.builder().name(e.getKey()).valueFrom(e.getValue()).build()).toList());
        ExpressGatewayServiceConfiguration.Builder b = ExpressGatewayServiceConfiguration.builder()
                .serviceRevisionArn(c.taskDefinitionArn()).executionRoleArn(c.executionRoleArn()).cpu(c.cpu())
                .memory(c.memory()).healthCheckPath(c.healthCheckPath()).primaryContainer(container.build())
                .scalingTarget(t -> t.minTaskCount(c.minTaskCount()).maxTaskCount(c.maxTaskCount())
                        .autoScalingMetric(c.scalingMetric()).autoScalingTargetValue(c.scalingTargetValue()))
                .networkConfiguration(n -> n.subnets(c.subnets()).securityGroups(c.securityGroups()))
                .ingressPaths(IngressPathSummary.builder().accessType(AccessType.PUBLIC).endpoint(ingress.url(s.endpointHost()))
                        .build())
                .createdAt(c.createdAt());
        if (!c.taskRoleArn().isEmpty()) b.taskRoleArn(c.taskRoleArn());
        return b.build();
    }

    private static ECSExpressGatewayService toSdk(ExpressService s, Ingress ingress, String status) {
        ECSExpressGatewayService.Builder b = ECSExpressGatewayService.builder().serviceArn(s.serviceArn())
                .serviceName(s.serviceName()).cluster(clusterArn(s)).infrastructureRoleArn(s.infrastructureRoleArn())
                .createdAt(s.createdAt()).updatedAt(s.updatedAt()).status(st -> st.statusCode(status))
                .currentDeployment(s.config().taskDefinitionArn())
                .activeConfigurations(configuration(s.config(), ingress, s));
        if (!s.tags().isEmpty()) b.tags(s.tags().entrySet().stream()
                .map(e -> software.amazon.awssdk.services.ecs.model.Tag.builder().key(e.getKey()).value(e.getValue()).build())
                .toList());
        return b.build();
    }

    static AwsException notFound(String arn) {
        return Errors.SERVICE_NOT_FOUND.exception("Service not found: " + arn);
    }
}
