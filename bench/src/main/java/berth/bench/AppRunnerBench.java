package berth.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apprunner.AppRunnerClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * App Runner's CreateService to the first 200 at the service's URL, against a berth already running
 * at the given endpoint with an image pushed to its ECR: ROUNDS services one after another, each
 * deleted, untimed, before the next; the URL polled every {@link #POLL}.
 *
 * <p>Anchor, measured in the same run and interleaved: the same image by hand on ECS, as App Runner
 * runs it: an ECS CreateService of one Fargate task registered in an ip target group that an ALB
 * listener forwards to (load balancer, listener, target group and task definition made untimed
 * beforehand), timed from CreateService to the first 200 at the listener, the service deleted
 * untimed after. Ratio: App Runner over ECS, at the median.
 *
 * <p>Usage: {@code AppRunnerBench ENDPOINT IMAGE [ROUNDS]} (default 5).
 */
public final class AppRunnerBench {
    private static final Duration POLL = Duration.ofMillis(20);

    private AppRunnerBench() {}

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args[0]);
        String image = args[1];
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        try (AppRunnerClient apprunner = AppRunnerClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
             EcsClient ecs = EcsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                     .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
             ElasticLoadBalancingV2Client elb = ElasticLoadBalancingV2Client.builder().endpointOverride(endpoint)
                     .region(Region.US_EAST_1).credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create())
                     .build()) {
            Anchor anchor = Anchor.make(ecs, elb, image);
            List<Double> runner = new ArrayList<>();
            List<Double> direct = new ArrayList<>();
            for (int i = 0; i <= rounds; i++) {
                double a = appRunner(apprunner, image, "bench-" + i);
                double b = anchor.run(ecs, "anchor-" + i);
                if (i == 0) continue; // the first round of each warms up
                runner.add(a);
                direct.add(b);
            }
            double m1 = median(runner);
            double m2 = median(direct);
            System.out.printf("apprunner CreateService -> first 200: median %.0f ms (min %.0f, max %.0f) over %d services%n",
                    m1, Collections.min(runner), Collections.max(runner), rounds);
            System.out.printf("anchor ECS CreateService -> first 200 via ALB: median %.0f ms (min %.0f, max %.0f)%n",
                    m2, Collections.min(direct), Collections.max(direct));
            System.out.printf("ratio apprunner / ECS+ALB: %.2f%n", m1 / m2);
        }
    }

    private static double appRunner(AppRunnerClient apprunner, String image, String name) throws Exception {
        long start = System.nanoTime();
        var created = apprunner.createService(r -> r.serviceName(name).sourceConfiguration(s -> s
                .autoDeploymentsEnabled(false).imageRepository(i -> i.imageIdentifier(image).imageRepositoryType("ECR")
                        .imageConfiguration(c -> c.port("8080"))))
                .instanceConfiguration(c -> c.cpu("256").memory("512"))).service();
        String url = created.serviceUrl();
        int colon = url.lastIndexOf(':');
        awaitOk(url.substring(0, colon), Integer.parseInt(url.substring(colon + 1)));
        double ms = (System.nanoTime() - start) / 1e6;
        apprunner.deleteService(r -> r.serviceArn(created.serviceArn()));
        while (apprunner.listServices(r -> {}).serviceSummaryList().stream().anyMatch(s -> s.serviceName().equals(name))) {
            Thread.sleep(100);
        }
        return ms;
    }

    /** The ECS side, made once: a Fargate task definition, an ip target group, an ALB listener forwarding to it. */
    private record Anchor(String targetGroupArn, String taskDefinition, int port) {
        static Anchor make(EcsClient ecs, ElasticLoadBalancingV2Client elb, String image) throws IOException {
            ecs.createCluster(r -> r.clusterName("bench"));
            String definition = ecs.registerTaskDefinition(r -> r.family("apprunner-anchor").networkMode(NetworkMode.AWSVPC)
                    .requiresCompatibilities(Compatibility.FARGATE).cpu("256").memory("512")
                    .containerDefinitions(c -> c.name("app").image(image).stopTimeout(5)
                            .portMappings(PortMapping.builder().containerPort(8080).build())))
                    .taskDefinition().taskDefinitionArn();
            String lb = elb.createLoadBalancer(r -> r.name("anchor").subnets("subnet-1", "subnet-2")).loadBalancers().get(0)
                    .loadBalancerArn();
            String tg = elb.createTargetGroup(r -> r.name("anchor").protocol("HTTP").port(8080).vpcId("vpc-1")
                    .targetType(TargetTypeEnum.IP).healthCheckPath("/").healthCheckIntervalSeconds(5)
                    .healthCheckTimeoutSeconds(2).healthyThresholdCount(2).matcher(m -> m.httpCode("200-499")))
                    .targetGroups().get(0).targetGroupArn();
            elb.modifyTargetGroupAttributes(r -> r.targetGroupArn(tg).attributes(a -> a
                    .key("deregistration_delay.timeout_seconds").value("5")));
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            elb.createListener(r -> r.loadBalancerArn(lb).protocol("HTTP").port(port)
                    .defaultActions(a -> a.type(ActionTypeEnum.FORWARD).targetGroupArn(tg)));
            return new Anchor(tg, definition, port);
        }

        double run(EcsClient ecs, String name) throws Exception {
            long start = System.nanoTime();
            ecs.createService(r -> r.cluster("bench").serviceName(name).taskDefinition(taskDefinition).desiredCount(1)
                    .launchType("FARGATE").networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets("subnet-1")))
                    .loadBalancers(l -> l.targetGroupArn(targetGroupArn).containerName("app").containerPort(8080)));
            awaitOk("anchor", port);
            double ms = (System.nanoTime() - start) / 1e6;
            ecs.deleteService(r -> r.cluster("bench").service(name).force(true));
            while (!ecs.describeServices(r -> r.cluster("bench").services(name)).services().get(0).status().equals("INACTIVE")) {
                Thread.sleep(100);
            }
            return ms;
        }
    }

    private static void awaitOk(String host, int port) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (status(host, port) != 200) {
            if (System.nanoTime() > deadline) throw new IllegalStateException(host + ":" + port + " never answered 200");
            Thread.sleep(POLL.toMillis());
        }
    }

    private static int status(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(("GET / HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] head = socket.getInputStream().readNBytes(12);
            String line = new String(head, StandardCharsets.US_ASCII);
            return line.length() >= 12 ? Integer.parseInt(line.substring(9, 12)) : 0;
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
