package berth.e2e.apprunner;

import berth.e2e.Await;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.e2e.AwsCli;
import berth.e2e.BerthProcess;
import berth.e2e.Policies;
import berth.e2e.ecs.TaskRuns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apprunner.AppRunnerClient;
import software.amazon.awssdk.services.apprunner.model.InvalidRequestException;
import software.amazon.awssdk.services.apprunner.model.OperationSummary;
import software.amazon.awssdk.services.apprunner.model.ResourceNotFoundException;
import software.amazon.awssdk.services.apprunner.model.Service;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * App Runner end to end on a berth of its own with short scaling and draining settings: a service
 * from an ECR image answers at its URL through the load balancer, scales out under concurrent
 * requests and back in when they stop, rolls out a push to its tag without a failed request, and
 * pauses, resumes and is deleted with the aws CLI.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AppRunnerServiceTest {
    @TempDir
    static Path home;
    static BerthProcess berth;
    static AppRunnerClient apprunner;
    static EcsClient ecs;
    static EcrClient ecr;
    static CloudWatchLogsClient logs;
    static AppImages images;
    static String image;
    static Service service;
    /** The base image berth is told the PYTHON_3 runtime builds on: the test busybox, tagged so. */
    static final String RUNTIME_BASE = "berth-test/apprunner-runtime:python3";
    @TempDir
    static Path repositories;

    @BeforeAll
    static void start() throws Exception {
        berth = BerthProcess.start(home, Map.of("BERTH_APPRUNNER_SCALE_IN_SECONDS", "2", "BERTH_APPRUNNER_PASS_MILLIS", "250",
                "BERTH_APPRUNNER_DRAIN_SECONDS", "1", "BERTH_AGENT_CLEANUP_WAIT", "1s",
                "BERTH_APPRUNNER_RUNTIME_IMAGES", "PYTHON_3=" + RUNTIME_BASE));
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        apprunner = AppRunnerClient.builder().endpointOverride(berth.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
        ecs = EcsClient.builder().endpointOverride(berth.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
        ecr = EcrClient.builder().endpointOverride(berth.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
        logs = CloudWatchLogsClient.builder().endpointOverride(berth.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
        images = new AppImages(berth.endpoint());
        images.login();
        String uri = ecr.createRepository(r -> r.repositoryName("apprunner/web")).repository().repositoryUri();
        image = uri + ":latest";
        images.push(image, "v1");

        String scaling = apprunner.createAutoScalingConfiguration(r -> r.autoScalingConfigurationName("burst")
                .maxConcurrency(2).minSize(1).maxSize(3)).autoScalingConfiguration().autoScalingConfigurationArn();
        service = apprunner.createService(r -> r.serviceName("webapp").autoScalingConfigurationArn(scaling)
                .sourceConfiguration(s -> s.autoDeploymentsEnabled(true).imageRepository(i -> i.imageIdentifier(image)
                        .imageRepositoryType("ECR").imageConfiguration(c -> c.port("8080")
                                .runtimeEnvironmentVariables(Map.of("GREETING", "hello")))))
                .instanceConfiguration(i -> i.cpu("0.25 vCPU").memory("0.5 GB"))
                .healthCheckConfiguration(h -> h.protocol("HTTP").path("/").interval(5).healthyThreshold(2))).service();
        // the source code services build and deploy meanwhile; the last test looks at them
        createSourceServices();
        createExpressService();
    }

    static String expressCreated;

    private static void createExpressService() throws Exception {
        cli("iam", "create-role", "--role-name", "ecsTaskExecutionRole", "--assume-role-policy-document",
                Policies.trustService("ecs-tasks.amazonaws.com"));
        cli("iam", "attach-role-policy", "--role-name", "ecsTaskExecutionRole", "--policy-arn",
                "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy");
        expressCreated = cli("ecs", "create-express-gateway-service", "--service-name", "express-web",
                "--execution-role-arn", "arn:aws:iam::000000000000:role/ecsTaskExecutionRole",
                "--infrastructure-role-arn", "arn:aws:iam::000000000000:role/ecsInfrastructureRole",
                "--primary-container", "{\"image\":\"" + image + "\",\"containerPort\":8080}",
                "--health-check-path", "/", "--cpu", "256", "--memory", "512").stdout();
    }

    static Path repo;
    static String dockerfileArn;
    static String runtimeArn;

    private static void createSourceServices() throws Exception {
        AppImages.ensureBusybox();
        AppImages.run("", "docker", "tag", "berth-test/busybox:latest", RUNTIME_BASE);
        repo = repositories.resolve("site");
        Files.createDirectories(repo.resolve("web"));
        Files.writeString(repo.resolve("web/Dockerfile"), "FROM berth-test/busybox:latest\n"
                + "RUN echo from-dockerfile > /www/index.html\nCMD [\"httpd\", \"-f\", \"-p\", \"8080\", \"-h\", \"/www\"]\n");
        Files.writeString(repo.resolve("greeting.txt"), "from-runtime-v1\n");
        AppImages.run("", "git", "init", "-q", "-b", "main", repo.toString());
        git(repo, "-c", "user.email=b@example.com", "add", ".");
        git(repo, "-c", "user.email=b@example.com", "commit", "-q", "-m", "site");

        dockerfileArn = apprunner.createService(r -> r.serviceName("from-dockerfile").sourceConfiguration(s -> s
                .autoDeploymentsEnabled(false).codeRepository(c -> c.repositoryUrl("file://" + repo)
                        .sourceCodeVersion(v -> v.type("BRANCH").value("main")).sourceDirectory("web")
                        .codeConfiguration(k -> k.configurationSource("REPOSITORY"))))
                .instanceConfiguration(i -> i.cpu("256").memory("512"))).service().serviceArn();
        runtimeArn = apprunner.createService(r -> r.serviceName("from-runtime").sourceConfiguration(s -> s
                .autoDeploymentsEnabled(true).codeRepository(c -> c.repositoryUrl(repo.toString())
                        .sourceCodeVersion(v -> v.type("BRANCH").value("main"))
                        .codeConfiguration(k -> k.configurationSource("API").codeConfigurationValues(v -> v
                                .runtime("PYTHON_3").port("8000").buildCommand("cp greeting.txt index.html")
                                .startCommand("exec httpd -f -p $PORT -h /app")))))
                .instanceConfiguration(i -> i.cpu("256").memory("512"))).service().serviceArn();

    }

    @AfterAll
    static void stop() throws Exception {
        if (berth == null) return;
        Files.writeString(Path.of("target", "AppRunnerServiceTest-berth.log"), berth.output());
        apprunner.close();
        ecs.close();
        ecr.close();
        logs.close();
        // berth first, so its agents remove no container while these are removed
        berth.close();
        TaskRuns.removeContainers(berth.endpoint());
    }

    private static Service describe() {
        return apprunner.describeService(r -> r.serviceArn(service.serviceArn())).service();
    }


    private static int desiredCount() {
        return ecs.describeServices(r -> r.cluster("apprunner").services("webapp-" + service.serviceId().substring(0, 8)))
                .services().get(0).desiredCount();
    }

    private static List<OperationSummary> operations() {
        return apprunner.listOperations(r -> r.serviceArn(service.serviceArn())).operationSummaryList();
    }

    @Test
    @Order(1)
    void anImageServiceAnswersAtItsUrlAndScalesOutUnderConcurrentRequestsAndBackIn() throws Exception {
        assertThat(service.status().toString()).isEqualTo("OPERATION_IN_PROGRESS");
        assertThat(service.serviceUrl()).matches("[0-9a-f]{10}\\.us-east-1\\.apprunner\\.localhost:\\d+");
        assertThat(service.instanceConfiguration().cpu()).isEqualTo("256");
        assertThat(service.autoScalingConfigurationSummary().autoScalingConfigurationName()).isEqualTo("burst");
        Service running = Await.until(AppRunnerServiceTest::describe, s -> s.statusAsString().equals("RUNNING"),
                Duration.ofSeconds(40), "RUNNING");
        assertThat(AppImages.get(running.serviceUrl(), "/")).isEqualTo(new AppImages.Answer(200, "v1"));
        assertThat(AppImages.get("other.us-east-1.apprunner.localhost:" + running.serviceUrl().split(":")[1], "/").status())
                .as("a host no service has").isEqualTo(404);
        assertThat(operations()).singleElement().satisfies(o -> {
            assertThat(o.typeAsString()).isEqualTo("CREATE_SERVICE");
            assertThat(o.statusAsString()).isEqualTo("SUCCEEDED");
            assertThat(o.endedAt()).isNotNull();
        });
        String group = "/aws/apprunner/webapp/" + service.serviceId() + "/application";
        Await.until(() -> logs.describeLogStreams(r -> r.logGroupName(group)).logStreams(), l -> !l.isEmpty(),
                Duration.ofSeconds(10), "an instance's log stream");

        // 6 clients each keeping one slow request in flight want 3 instances at 2 requests each
        AtomicBoolean loading = new AtomicBoolean(true);
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicInteger answered = new AtomicInteger();
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            clients.add(Thread.ofVirtual().start(() -> {
                while (loading.get()) {
                    try {
                        AppImages.Answer a = AppImages.get(running.serviceUrl(), "/cgi-bin/slow");
                        if (a.status() == 200 && a.body().equals("slow")) answered.incrementAndGet();
                        else failures.add(a.status() + " " + a.body());
                    } catch (Exception e) {
                        failures.add(e.toString());
                    }
                }
            }));
        }
        try {
            Await.until(AppRunnerServiceTest::desiredCount, n -> n == 3, Duration.ofSeconds(20), "scaled out to 3");
        } finally {
            loading.set(false);
            for (Thread t : clients) t.join();
        }
        assertThat(failures).isEmpty();
        assertThat(answered.get()).isGreaterThanOrEqualTo(6);
        Await.until(AppRunnerServiceTest::desiredCount, n -> n == 1, Duration.ofSeconds(20), "scaled back in to 1");
        assertThat(describe().statusAsString()).isEqualTo("RUNNING");
    }

    @Test
    @Order(2)
    void aPushToTheTagRollsOutTheNewVersionWithNoFailedRequest() throws Exception {
        Await.until(AppRunnerServiceTest::describe, s -> s.statusAsString().equals("RUNNING"), Duration.ofSeconds(30), "RUNNING");
        AtomicBoolean loading = new AtomicBoolean(true);
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicInteger answered = new AtomicInteger();
        Thread client = Thread.ofVirtual().start(() -> {
            while (loading.get()) {
                try {
                    AppImages.Answer a = AppImages.get(service.serviceUrl(), "/");
                    if (a.status() != 200) failures.add(a.status() + " " + a.body());
                    answered.incrementAndGet();
                } catch (Exception e) {
                    failures.add(e.toString());
                }
            }
        });
        try {
            images.push(image, "v2");
            Await.until(() -> {
                try {
                    return AppImages.get(service.serviceUrl(), "/").body();
                } catch (Exception e) {
                    return e.toString();
                }
            }, "v2"::equals, Duration.ofSeconds(40), "serving v2");
            Await.until(AppRunnerServiceTest::describe, s -> s.statusAsString().equals("RUNNING"), Duration.ofSeconds(30),
                    "RUNNING after the deployment");
        } finally {
            loading.set(false);
            client.join();
        }
        assertThat(failures).isEmpty();
        assertThat(answered.get()).isGreaterThan(10);
        assertThat(operations().get(0)).satisfies(o -> {
            assertThat(o.typeAsString()).isEqualTo("START_DEPLOYMENT");
            assertThat(o.statusAsString()).isEqualTo("SUCCEEDED");
        });
    }

    @Test
    @Order(3)
    void theAwsCliPausesResumesAndDeletesTheService() throws Exception {
        AwsCli aws = AwsCli.installed().get(0);
        AwsCli.Result listed = aws.run(berth.endpoint(), "test", "test", "apprunner", "list-services", "--region", "us-east-1",
                "--query", "ServiceSummaryList[].ServiceName", "--output", "text");
        assertThat(listed.stdout().trim().split("\\s+")).as(listed.stderr())
                .containsExactlyInAnyOrder("webapp", "from-dockerfile", "from-runtime");
        String arn = service.serviceArn();
        apprunner.associateCustomDomain(r -> r.serviceArn(arn).domainName("shop.example.com"));
        Await.until(() -> apprunner.describeCustomDomains(r -> r.serviceArn(arn)).customDomains().get(0).statusAsString(),
                "ACTIVE"::equals, Duration.ofSeconds(10), "the custom domain active");
        String port = service.serviceUrl().substring(service.serviceUrl().lastIndexOf(':'));
        assertThat(AppImages.get("www.shop.example.com" + port, "/")).isEqualTo(new AppImages.Answer(200, "v2"));
        apprunner.disassociateCustomDomain(r -> r.serviceArn(arn).domainName("shop.example.com"));
        Await.until(() -> apprunner.describeCustomDomains(r -> r.serviceArn(arn)).customDomains(), List::isEmpty,
                Duration.ofSeconds(10), "the custom domain gone");
        assertThat(AppImages.get("shop.example.com" + port, "/").status()).isEqualTo(404);
        AwsCli.Result paused = aws.run(berth.endpoint(), "test", "test", "apprunner", "pause-service", "--service-arn", arn,
                "--region", "us-east-1", "--query", "Service.Status", "--output", "text");
        assertThat(paused.stdout().trim()).as(paused.stderr()).isEqualTo("OPERATION_IN_PROGRESS");
        Await.until(AppRunnerServiceTest::describe, s -> s.statusAsString().equals("PAUSED"), Duration.ofSeconds(20), "PAUSED");
        assertThat(AppImages.get(service.serviceUrl(), "/").status()).isEqualTo(503);
        AwsCli.Result resumed = aws.run(berth.endpoint(), "test", "test", "apprunner", "resume-service", "--service-arn", arn,
                "--region", "us-east-1");
        assertThat(resumed.exitCode()).as(resumed.stderr()).isZero();
        Await.until(AppRunnerServiceTest::describe, s -> s.statusAsString().equals("RUNNING"), Duration.ofSeconds(30), "RUNNING");
        assertThat(AppImages.get(service.serviceUrl(), "/")).isEqualTo(new AppImages.Answer(200, "v2"));
        assertThat(operations()).extracting(OperationSummary::typeAsString).startsWith("RESUME_SERVICE", "PAUSE_SERVICE");

        assertThatThrownBy(() -> apprunner.createService(r -> r.serviceName("webapp").sourceConfiguration(s -> s
                .imageRepository(i -> i.imageIdentifier(image).imageRepositoryType("ECR")))))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("already exists");
        assertThatThrownBy(() -> apprunner.createService(r -> r.serviceName("sized").instanceConfiguration(i -> i.cpu("3 vCPU"))
                .sourceConfiguration(s -> s.imageRepository(i -> i.imageIdentifier(image).imageRepositoryType("ECR")))))
                .isInstanceOf(InvalidRequestException.class);

        String tracing = apprunner.createObservabilityConfiguration(r -> r.observabilityConfigurationName("tracing")
                .traceConfiguration(t -> t.vendor("AWSXRAY"))).observabilityConfiguration().observabilityConfigurationArn();
        String connector = apprunner.createVpcConnector(r -> r.vpcConnectorName("private").subnets("subnet-1", "subnet-2")
                .securityGroups("sg-1")).vpcConnector().vpcConnectorArn();
        Service withSettings = apprunner.updateService(r -> r.serviceArn(arn)
                .observabilityConfiguration(o -> o.observabilityEnabled(true).observabilityConfigurationArn(tracing))
                .networkConfiguration(n -> n.egressConfiguration(e -> e.egressType("VPC").vpcConnectorArn(connector))))
                .service();
        assertThat(withSettings.observabilityConfiguration().observabilityConfigurationArn()).isEqualTo(tracing);
        assertThat(describe().networkConfiguration().egressConfiguration().vpcConnectorArn()).isEqualTo(connector);
        assertThat(apprunner.describeVpcConnector(r -> r.vpcConnectorArn(connector)).vpcConnector().subnets())
                .containsExactly("subnet-1", "subnet-2");
        assertThatThrownBy(() -> apprunner.deleteVpcConnector(r -> r.vpcConnectorArn(connector)))
                .isInstanceOf(software.amazon.awssdk.services.apprunner.model.InvalidStateException.class);
        assertThat(apprunner.listObservabilityConfigurations(r -> {}).observabilityConfigurationSummaryList())
                .extracting(o -> o.observabilityConfigurationName()).containsExactly("tracing");

        AwsCli.Result deleted = aws.run(berth.endpoint(), "test", "test", "apprunner", "delete-service", "--service-arn", arn,
                "--region", "us-east-1", "--query", "OperationId", "--output", "text");
        assertThat(deleted.stdout().trim()).as(deleted.stderr()).matches("[0-9a-f]{32}");
        Await.until(() -> apprunner.listServices(r -> {}).serviceSummaryList(),
                l -> l.stream().noneMatch(x -> x.serviceName().equals("webapp")), Duration.ofSeconds(30), "deleted");
        assertThatThrownBy(() -> describe()).isInstanceOf(ResourceNotFoundException.class);
        assertThat(ecs.describeServices(r -> r.cluster("apprunner").services("webapp-" + service.serviceId().substring(0, 8)))
                .services()).allSatisfy(s -> assertThat(s.status()).isEqualTo("INACTIVE"));
    }

    private static String git(Path dir, String... args) throws Exception {
        String[] command = new String[args.length + 5];
        command[0] = "git";
        command[1] = "-C";
        command[2] = dir.toString();
        command[3] = "-c";
        command[4] = "user.name=berth";
        System.arraycopy(args, 0, command, 5, args.length);
        return AppImages.run("", command);
    }

    private static Service awaitRunning(String arn) {
        return Await.until(() -> apprunner.describeService(r -> r.serviceArn(arn)).service(),
                s -> !s.statusAsString().equals("OPERATION_IN_PROGRESS"), Duration.ofSeconds(60), "built and deployed");
    }

    @Test
    @Order(4)
    void sourceCodeServicesBuildALocalRepositorysDockerfileOrOnTheRuntimesBaseImage() throws Exception {
        Service fromDockerfile = awaitRunning(dockerfileArn);
        assertThat(fromDockerfile.statusAsString()).isEqualTo("RUNNING");
        assertThat(fromDockerfile.sourceConfiguration().codeRepository().sourceDirectory()).isEqualTo("web");
        assertThat(AppImages.get(fromDockerfile.serviceUrl(), "/")).isEqualTo(new AppImages.Answer(200, "from-dockerfile"));
        Service fromRuntime = awaitRunning(runtimeArn);
        assertThat(fromRuntime.statusAsString()).isEqualTo("RUNNING");
        assertThat(fromRuntime.sourceConfiguration().codeRepository().codeConfiguration().codeConfigurationValues()
                .runtimeAsString()).isEqualTo("PYTHON_3");
        assertThat(AppImages.get(fromRuntime.serviceUrl(), "/")).isEqualTo(new AppImages.Answer(200, "from-runtime-v1"));

        // a commit to the branch of the auto-deployed service builds and rolls it out
        Files.writeString(repo.resolve("greeting.txt"), "from-runtime-v2\n");
        git(repo, "-c", "user.email=b@example.com", "commit", "-q", "-am", "v2");
        Await.until(() -> {
            try {
                return AppImages.get(fromRuntime.serviceUrl(), "/").body();
            } catch (Exception e) {
                return e.toString();
            }
        }, "from-runtime-v2"::equals, Duration.ofSeconds(60), "serving the new commit");
        assertThat(apprunner.listOperations(r -> r.serviceArn(runtimeArn)).operationSummaryList().get(0).typeAsString())
                .isEqualTo("START_DEPLOYMENT");
        apprunner.deleteService(r -> r.serviceArn(dockerfileArn));
        apprunner.deleteService(r -> r.serviceArn(runtimeArn));
    }

    private static AwsCli.Result cli(String... args) throws Exception {
        AwsCli.Result r = AwsCli.installed().get(0).run(berth.endpoint(), "test", "test", args);
        assertThat(r.exitCode()).as(String.join(" ", args) + ": " + r.stderr()).isZero();
        return r;
    }

    private static String field(String json, String path) throws Exception {
        var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).at(path);
        return node.isNumber() ? node.asText() : node.textValue();
    }

    @Test
    @Order(5)
    void expressModeMakesTheServiceItsRuleAndLogGroupInOneCallWithTheAwsCli() throws Exception {
        String created = expressCreated;
        String arn = field(created, "/service/serviceArn");
        assertThat(arn).isEqualTo("arn:aws:ecs:us-east-1:000000000000:service/default/express-web");
        assertThat(field(created, "/service/status/statusCode")).isEqualTo("ACTIVE");
        String endpoint = field(created, "/service/activeConfigurations/0/ingressPaths/0/endpoint");
        assertThat(endpoint).matches("express-web-[0-9a-f]{8}\\.us-east-1\\.ecs\\.localhost:\\d+");
        String logGroup = field(created, "/service/activeConfigurations/0/primaryContainer/awsLogsConfiguration/logGroup");
        assertThat(logGroup).startsWith("/aws/ecs/default/express-web-");
        assertThat(logs.describeLogGroups(r -> r.logGroupNamePrefix(logGroup)).logGroups()).hasSize(1);
        Await.until(() -> {
            try {
                return AppImages.get(endpoint, "/");
            } catch (Exception e) {
                return new AppImages.Answer(0, e.toString());
            }
        }, a -> a.status() == 200, Duration.ofSeconds(40), "the endpoint answering");
        assertThat(AppImages.get(endpoint, "/").body()).as("the image the tag named when the task started").isIn("v1", "v2");

        String described = cli("ecs", "describe-express-gateway-service", "--service-arn", arn).stdout();
        assertThat(field(described, "/service/activeConfigurations/0/scalingTarget/minTaskCount")).isEqualTo("1");
        String policies = cli("application-autoscaling", "describe-scaling-policies", "--service-namespace", "ecs",
                "--resource-id", "service/default/express-web").stdout();
        assertThat(field(policies, "/ScalingPolicies/0/PolicyType")).isEqualTo("TargetTrackingScaling");
        assertThat(field(policies, "/ScalingPolicies/0/TargetTrackingScalingPolicyConfiguration/"
                + "PredefinedMetricSpecification/PredefinedMetricType")).isEqualTo("ECSServiceAverageCPUUtilization");
        assertThat(field(policies, "/ScalingPolicies/0/TargetTrackingScalingPolicyConfiguration/TargetValue"))
                .isEqualTo("60.0");
        assertThat(field(policies, "/ScalingPolicies/0/Alarms/0/AlarmName"))
                .startsWith("TargetTracking-service/default/express-web-AlarmHigh-");
        cli("ecs", "update-express-gateway-service", "--service-arn", arn, "--scaling-target",
                "{\"minTaskCount\":2,\"maxTaskCount\":4,\"autoScalingMetric\":\"REQUEST_COUNT_PER_TARGET\","
                        + "\"autoScalingTargetValue\":100}");
        assertThat(ecs.describeServices(r -> r.cluster("default").services("express-web")).services().get(0).desiredCount())
                .isEqualTo(2);
        String target = cli("application-autoscaling", "describe-scalable-targets", "--service-namespace", "ecs",
                "--resource-ids", "service/default/express-web").stdout();
        assertThat(field(target, "/ScalableTargets/0/MinCapacity")).isEqualTo("2");
        assertThat(field(target, "/ScalableTargets/0/MaxCapacity")).isEqualTo("4");
        policies = cli("application-autoscaling", "describe-scaling-policies", "--service-namespace", "ecs",
                "--resource-id", "service/default/express-web").stdout();
        assertThat(field(policies, "/ScalingPolicies/0/TargetTrackingScalingPolicyConfiguration/"
                + "PredefinedMetricSpecification/PredefinedMetricType")).isEqualTo("ALBRequestCountPerTarget");
        assertThat(field(policies, "/ScalingPolicies/0/TargetTrackingScalingPolicyConfiguration/"
                + "PredefinedMetricSpecification/ResourceLabel")).matches("app/[^/]+/[^/]+/targetgroup/ecs-express-[0-9a-f]{8}/.+");
        String deleted = cli("ecs", "delete-express-gateway-service", "--service-arn", arn).stdout();
        assertThat(field(deleted, "/service/status/statusCode")).isEqualTo("DRAINING");
        assertThat(cli("application-autoscaling", "describe-scalable-targets", "--service-namespace", "ecs").stdout())
                .doesNotContain("express-web");
        AwsCli.Result gone = AwsCli.installed().get(0).run(berth.endpoint(), "test", "test", "ecs",
                "describe-express-gateway-service", "--service-arn", arn.replace("express-web", "no-such"));
        assertThat(gone.exitCode()).isNotZero();
        assertThat(gone.stderr()).contains("ServiceNotFoundException");
    }
}
