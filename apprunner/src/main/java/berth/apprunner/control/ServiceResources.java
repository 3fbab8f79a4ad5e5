package berth.apprunner.control;

import berth.apprunner.core.AppService;
import berth.apprunner.core.HealthCheck;
import berth.apprunner.core.ImageSource;
import berth.apprunner.core.Ingress;
import berth.apprunner.core.ServiceProgress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LogConfiguration;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.Secret;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * What an App Runner service runs on, made and changed through the public APIs of ECS, ELB, Logs
 * and ECR: the scope's load balancer and listener, the service's target group and host-header rule,
 * its log groups, its task definition (one Fargate task: the image, its port, environment, secrets,
 * size and awslogs output), and its ECS service in cluster {@code apprunner}. Each method is
 * idempotent, so a pass that stopped half way is finished by the next.
 */
final class ServiceResources {
    static final String CLUSTER = "apprunner";
    static final String LOAD_BALANCER = "apprunner";
    private static final String CONTAINER = "app";

    private final AccountClients clients;
    private final AppRunnerSettings settings;

    ServiceResources(AccountClients clients, AppRunnerSettings settings) {
        this.clients = clients;
        this.settings = settings;
    }

    /** The scope's load balancer and listener, made on first use; the ingress with their ARNs. */
    Ingress ingress(Ingress ingress) {
        var elb = clients.of(ingress.scope()).elb();
        String lb = ingress.loadBalancerArn();
        if (lb.isEmpty()) {
            Optional<LoadBalancer> found = elb.describeLoadBalancers(r -> {}).loadBalancers().stream()
                    .filter(l -> l.loadBalancerName().equals(LOAD_BALANCER)).findFirst();
            lb = found.map(LoadBalancer::loadBalancerArn).orElseGet(() -> elb.createLoadBalancer(r -> r.name(LOAD_BALANCER)
                    .subnets("subnet-apprunner-a", "subnet-apprunner-b")).loadBalancers().get(0).loadBalancerArn());
        }
        String lbArn = lb;
        String listener = elb.describeListeners(r -> r.loadBalancerArn(lbArn)).listeners().stream()
                .filter(l -> l.port() == ingress.port()).map(l -> l.listenerArn()).findFirst()
                .orElseGet(() -> elb.createListener(r -> r.loadBalancerArn(lbArn).protocol("HTTP").port(ingress.port())
                        .defaultActions(a -> a.type(ActionTypeEnum.FIXED_RESPONSE).fixedResponseConfig(f -> f
                                .statusCode("404").contentType("text/plain").messageBody("404 Not Found\n"))))
                        .listeners().get(0).listenerArn());
        return ingress.withBalancer(lbArn, listener);
    }

    void logGroups(AppService s) {
        var logs = clients.of(s.scope()).logs();
        for (String group : List.of(s.applicationLogGroup(), s.serviceLogGroup())) {
            try {
                logs.createLogGroup(r -> r.logGroupName(group));
            } catch (ResourceAlreadyExistsException exists) {
                // made by an earlier pass
            }
        }
    }

    /** Writes one line to the service's log group, as App Runner reports its operations there. */
    void event(AppService s, String message, long epochMillis) {
        var logs = clients.of(s.scope()).logs();
        String stream = "events";
        try {
            logs.createLogStream(r -> r.logGroupName(s.serviceLogGroup()).logStreamName(stream));
        } catch (ResourceAlreadyExistsException exists) {
            // the stream is there
        }
        logs.putLogEvents(r -> r.logGroupName(s.serviceLogGroup()).logStreamName(stream)
                .logEvents(e -> e.timestamp(epochMillis).message("[AppRunner] " + message)));
    }

    String targetGroupName(AppService s) {
        return "apprunner-" + s.id().substring(0, 20);
    }

    String ecsServiceName(AppService s) {
        return s.name() + "-" + s.id().substring(0, 8);
    }

    /** The service's target group (type ip, at its port), made when missing, with its health check applied. */
    String targetGroup(AppService s) {
        var elb = clients.of(s.scope()).elb();
        HealthCheck.TargetGroupCheck check = s.healthCheck().forTargetGroup();
        String name = targetGroupName(s);
        Optional<TargetGroup> found = elb.describeTargetGroups(r -> {}).targetGroups().stream()
                .filter(t -> t.targetGroupName().equals(name)).findFirst();
        String arn;
        if (found.isEmpty()) {
            arn = elb.createTargetGroup(r -> r.name(name).protocol("HTTP").port(Integer.parseInt(s.source().port()))
                    .vpcId("vpc-apprunner").targetType(TargetTypeEnum.IP).healthCheckProtocol("HTTP")
                    .healthCheckPath(check.path()).healthCheckIntervalSeconds(check.intervalSeconds())
                    .healthCheckTimeoutSeconds(check.timeoutSeconds()).healthyThresholdCount(check.healthyThreshold())
                    .unhealthyThresholdCount(check.unhealthyThreshold()).matcher(m -> m.httpCode(check.matcher())))
                    .targetGroups().get(0).targetGroupArn();
            elb.modifyTargetGroupAttributes(r -> r.targetGroupArn(arn).attributes(a -> a
                    .key("deregistration_delay.timeout_seconds").value(Integer.toString(settings.drainSeconds()))));
        } else {
            arn = found.get().targetGroupArn();
            elb.modifyTargetGroup(r -> r.targetGroupArn(arn).healthCheckProtocol("HTTP").healthCheckPath(check.path())
                    .healthCheckIntervalSeconds(check.intervalSeconds()).healthCheckTimeoutSeconds(check.timeoutSeconds())
                    .healthyThresholdCount(check.healthyThreshold()).unhealthyThresholdCount(check.unhealthyThreshold())
                    .matcher(m -> m.httpCode(check.matcher())));
        }
        return arn;
    }

    /** The listener rule sending the service's host name to its target group, made when missing. */
    String rule(AppService s, Ingress ingress, String targetGroupArn) {
        var elb = clients.of(s.scope()).elb();
        List<Rule> rules = elb.describeRules(r -> r.listenerArn(ingress.listenerArn())).rules();
        for (Rule rule : rules) {
            boolean ours = rule.actions().stream().anyMatch(a -> targetGroupArn.equals(a.targetGroupArn()));
            if (ours) return rule.ruleArn();
        }
        int priority = rules.stream().filter(r -> !r.isDefault()).mapToInt(r -> Integer.parseInt(r.priority())).max()
                .orElse(0) + 1;
        return elb.createRule(r -> r.listenerArn(ingress.listenerArn()).priority(priority)
                .conditions(c -> c.field("host-header").hostHeaderConfig(h -> h.values(s.urlHost())))
                .actions(a -> a.type(ActionTypeEnum.FORWARD).targetGroupArn(targetGroupArn))).rules().get(0).ruleArn();
    }

    /** A rule sending {@code hosts} (a custom domain) to the service's target group. */
    String domainRule(AppService s, Ingress ingress, List<String> hosts) {
        var elb = clients.of(s.scope()).elb();
        List<Rule> rules = elb.describeRules(r -> r.listenerArn(ingress.listenerArn())).rules();
        int priority = rules.stream().filter(r -> !r.isDefault()).mapToInt(r -> Integer.parseInt(r.priority())).max()
                .orElse(0) + 1;
        return elb.createRule(r -> r.listenerArn(ingress.listenerArn()).priority(priority)
                .conditions(c -> c.field("host-header").hostHeaderConfig(h -> h.values(hosts)))
                .actions(a -> a.type(ActionTypeEnum.FORWARD).targetGroupArn(s.resources().targetGroupArn())))
                .rules().get(0).ruleArn();
    }

    void removeRule(AppService s, String ruleArn) {
        if (ruleArn.isEmpty()) return;
        try {
            clients.of(s.scope()).elb().deleteRule(r -> r.ruleArn(ruleArn));
        } catch (software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleNotFoundException gone) {
            // removed by an earlier pass
        }
    }

    /** The digest the service's ECR tag names now; empty for an image named by digest or not in berth's ECR. */
    Optional<String> currentDigest(AppService s) {
        ImageSource src = s.source();
        if (!src.repositoryType().equals("ECR")) return Optional.empty();
        Optional<String[]> repoTag = src.repositoryAndTag();
        if (repoTag.isEmpty()) return Optional.empty();
        try {
            return clients.of(s.scope()).ecr().describeImages(r -> r.repositoryName(repoTag.get()[0])
                            .imageIds(ImageIdentifier.builder().imageTag(repoTag.get()[1]).build()))
                    .imageDetails().stream().findFirst().map(d -> d.imageDigest());
        } catch (software.amazon.awssdk.services.ecr.model.EcrException notThere) {
            return Optional.empty();
        }
    }

    /** Registers the task definition of the service's current configuration, running {@code image}. */
    String taskDefinition(AppService s, String image) {
        ImageSource src = s.source();
        List<KeyValuePair> env = new ArrayList<>();
        src.environment().forEach((k, v) -> env.add(KeyValuePair.builder().name(k).value(v).build()));
        List<Secret> secrets = new ArrayList<>();
        src.secrets().forEach((k, v) -> secrets.add(Secret.builder().name(k).valueFrom(v).build()));
        ContainerDefinition.Builder container = ContainerDefinition.builder().name(CONTAINER).image(image).essential(true)
                .portMappings(PortMapping.builder().containerPort(Integer.parseInt(src.port())).protocol("tcp").build())
                .environment(env).secrets(secrets).stopTimeout(5)
                .logConfiguration(LogConfiguration.builder().logDriver("awslogs").options(Map.of(
                        "awslogs-group", s.applicationLogGroup(), "awslogs-region", s.region(),
                        "awslogs-stream-prefix", "instance")).build());
        if (!src.startCommand().isEmpty()) container.command("sh", "-c", src.startCommand());
        var ecs = clients.of(s.scope()).ecs();
        String executionRole = instanceExecutionRole(s);
        return ecs.registerTaskDefinition(r -> {
            r.family(family(s)).networkMode("awsvpc").requiresCompatibilities(
                    software.amazon.awssdk.services.ecs.model.Compatibility.FARGATE).cpu(s.cpu()).memory(s.memory())
                    .containerDefinitions(container.build());
            if (!s.instanceRoleArn().isEmpty()) r.taskRoleArn(s.instanceRoleArn());
            r.executionRoleArn(executionRole);
        }).taskDefinition().taskDefinitionArn();
    }

    /** The role App Runner's instances pull their image and write their logs with, made once per account. */
    static final String INSTANCE_ROLE = "AppRunnerInstanceExecutionRole";
    private static final String INSTANCE_ROLE_POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Resource\":\"*\",\"Action\":[\"ecr:GetAuthorizationToken\",\"ecr:BatchCheckLayerAvailability\","
            + "\"ecr:GetDownloadUrlForLayer\",\"ecr:BatchGetImage\",\"logs:CreateLogStream\",\"logs:PutLogEvents\","
            + "\"secretsmanager:GetSecretValue\",\"ssm:GetParameters\",\"kms:Decrypt\"]}]}";
    private static final String INSTANCE_ROLE_TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"ecs-tasks.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

    String instanceExecutionRole(AppService s) {
        var iam = clients.of(s.scope()).iam();
        String path = "/service-role/apprunner.amazonaws.com/";
        try {
            return iam.getRole(r -> r.roleName(INSTANCE_ROLE)).role().arn();
        } catch (software.amazon.awssdk.services.iam.model.NoSuchEntityException missing) {
            String arn = iam.createRole(r -> r.roleName(INSTANCE_ROLE).path(path).assumeRolePolicyDocument(INSTANCE_ROLE_TRUST)
                    .description("Lets App Runner's instances pull their image and write their logs")).role().arn();
            iam.putRolePolicy(r -> r.roleName(INSTANCE_ROLE).policyName("instance").policyDocument(INSTANCE_ROLE_POLICY));
            return arn;
        }
    }

    /** Runs {@code taskDefinition} with {@code desired} tasks: creates the ECS service, or updates it. */
    void deploy(AppService s, String targetGroupArn, String taskDefinition, int desired) {
        var ecs = clients.of(s.scope()).ecs();
        ecs.createCluster(r -> r.clusterName(CLUSTER));
        String name = ecsServiceName(s);
        if (ecsService(s).isPresent()) {
            ecs.updateService(r -> r.cluster(CLUSTER).service(name).taskDefinition(taskDefinition).desiredCount(desired));
            return;
        }
        ecs.createService(r -> r.cluster(CLUSTER).serviceName(name).taskDefinition(taskDefinition).desiredCount(desired)
                .launchType("FARGATE").networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets("subnet-apprunner-a")))
                .loadBalancers(l -> l.targetGroupArn(targetGroupArn).containerName(CONTAINER)
                        .containerPort(Integer.parseInt(s.source().port())))
                .deploymentConfiguration(d -> d.minimumHealthyPercent(100).maximumPercent(200)
                        .deploymentCircuitBreaker(c -> c.enable(true).rollback(true)))
                .healthCheckGracePeriodSeconds(0));
    }

    /** The task definition family of the service, one per service so a service made again starts afresh. */
    String family(AppService s) {
        return "apprunner-" + ecsServiceName(s);
    }

    /** True once the ECS service is gone with all its tasks (INACTIVE or never made). */
    private boolean ecsServiceGone(AppService s) {
        var found = clients.of(s.scope()).ecs().describeServices(r -> r.cluster(CLUSTER).services(ecsServiceName(s)))
                .services();
        return found.stream().allMatch(x -> "INACTIVE".equals(x.status()));
    }

    void scale(AppService s, int desired) {
        clients.of(s.scope()).ecs().updateService(r -> r.cluster(CLUSTER).service(ecsServiceName(s)).desiredCount(desired));
    }

    Optional<software.amazon.awssdk.services.ecs.model.Service> ecsService(AppService s) {
        return clients.of(s.scope()).ecs().describeServices(r -> r.cluster(CLUSTER).services(ecsServiceName(s)))
                .services().stream().filter(x -> "ACTIVE".equals(x.status())).findFirst();
    }

    /** What the ECS service shows, for the running operation's decision; empty while it does not exist. */
    Optional<ServiceProgress.Observed> observe(AppService s) {
        return ecsService(s).map(svc -> {
            String deployed = s.resources().taskDefinitionArn();
            Deployment primary = svc.deployments().stream().filter(d -> "PRIMARY".equals(d.status())).findFirst()
                    .orElse(null);
            String rollout = svc.deployments().stream().filter(d -> deployed.equals(d.taskDefinition()))
                    .map(d -> d.rolloutStateAsString()).findFirst().orElse("");
            int healthy = (int) clients.of(s.scope()).elb().describeTargetHealth(r -> r.targetGroupArn(
                    s.resources().targetGroupArn())).targetHealthDescriptions().stream()
                    .filter(h -> "healthy".equals(h.targetHealth().stateAsString())).count();
            return new ServiceProgress.Observed(svc.deployments().size(),
                    primary != null && deployed.equals(primary.taskDefinition()), rollout == null ? "" : rollout,
                    svc.runningCount(), svc.desiredCount(), healthy);
        });
    }

    /**
     * Removes what the service ran on: its rule, ECS service (its tasks stop) and target group, and
     * deregisters its task definitions. Its log groups stay, as App Runner keeps them. True once all is gone.
     */
    boolean remove(AppService s) {
        var set = clients.of(s.scope());
        if (!s.resources().ruleArn().isEmpty()) {
            try {
                set.elb().deleteRule(r -> r.ruleArn(s.resources().ruleArn()));
            } catch (software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleNotFoundException gone) {
                // removed by an earlier pass
            }
        }
        s.domains().forEach(d -> removeRule(s, d.ruleArn()));
        if (ecsService(s).isPresent()) {
            set.ecs().deleteService(r -> r.cluster(CLUSTER).service(ecsServiceName(s)).force(true));
        }
        if (!ecsServiceGone(s)) return false;
        String name = targetGroupName(s);
        for (TargetGroup tg : set.elb().describeTargetGroups(r -> {}).targetGroups()) {
            if (tg.targetGroupName().equals(name)) set.elb().deleteTargetGroup(r -> r.targetGroupArn(tg.targetGroupArn()));
        }
        for (String arn : set.ecs().listTaskDefinitions(r -> r.familyPrefix(family(s)).status("ACTIVE"))
                .taskDefinitionArns()) {
            if (arn.contains(":task-definition/" + family(s) + ":")) set.ecs().deregisterTaskDefinition(r -> r.taskDefinition(arn));
        }
        return true;
    }
}
