package berth.aws;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apprunner.AppRunnerClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The test services behind a real HTTP endpoint, and real SDK v2 clients pointed at it. The input
 * each handler decoded is kept, to compare with what the client sent.
 */
final class WireFixture implements AutoCloseable {
    static final SdkHttpClient HTTP = UrlConnectionHttpClient.create();

    final AtomicReference<SdkPojo> lastInput = new AtomicReference<>();
    final WireTestServer server;

    WireFixture() {
        this(Clock.systemUTC());
    }

    WireFixture(Clock clock) {
        TestServices services = new TestServices(lastInput);
        List<AwsService> all = List.of(services.sts(), services.ecs(), services.appRunner(), services.scheduler(),
                services.elbv2());
        server = WireTestServer.start(new AwsDispatcher(all, TestCredentials.source(), clock));
    }

    URI endpoint() {
        return server.endpoint();
    }

    StsClient sts(AwsCredentials credentials) {
        return client(StsClient.builder(), credentials);
    }

    EcsClient ecs(AwsCredentials credentials) {
        return client(EcsClient.builder(), credentials);
    }

    AppRunnerClient appRunner(AwsCredentials credentials) {
        return client(AppRunnerClient.builder(), credentials);
    }

    SchedulerClient scheduler(AwsCredentials credentials) {
        return client(SchedulerClient.builder(), credentials);
    }

    ElasticLoadBalancingV2Client elbv2(AwsCredentials credentials) {
        return client(ElasticLoadBalancingV2Client.builder(), credentials);
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder, AwsCredentials credentials) {
        return builder.endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClient(HTTP)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    @Override
    public void close() {
        server.close();
    }
}
