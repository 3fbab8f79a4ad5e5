package berth.apprunner.control;

import berth.aws.Scope;
import berth.aws.SigningKey;
import berth.platform.Platform;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * The AWS clients App Runner acts through in one account and region: ECS, ELB, CloudWatch Logs and
 * ECR (and IAM, for the role its instances run with; Application Auto Scaling, for Express Mode's policy) at berth's own endpoint, signed as the account's root, exactly as a client outside would be.
 * App Runner knows those services only by their APIs.
 */
public final class AccountClients implements AutoCloseable {
    record Set(EcsClient ecs, ElasticLoadBalancingV2Client elb, CloudWatchLogsClient logs, EcrClient ecr, IamClient iam,
               ApplicationAutoScalingClient scaling) {}

    private final Platform platform;
    private final SdkHttpClient http = UrlConnectionHttpClient.create();
    private final Map<Scope, Set> clients = new ConcurrentHashMap<>();

    public AccountClients(Platform platform) {
        this.platform = platform;
    }

    Set of(Scope scope) {
        return clients.computeIfAbsent(scope, this::make);
    }

    private Set make(Scope scope) {
        Optional<SigningKey> key = platform.credentials().find(scope.accountId());
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(
                key.map(SigningKey::accessKeyId).orElse("test"), key.map(SigningKey::secretAccessKey).orElse("test")));
        Region region = Region.of(scope.region());
        var endpoint = platform.endpoint();
        return new Set(
                EcsClient.builder().endpointOverride(endpoint).region(region).credentialsProvider(credentials).httpClient(http).build(),
                ElasticLoadBalancingV2Client.builder().endpointOverride(endpoint).region(region).credentialsProvider(credentials)
                        .httpClient(http).build(),
                CloudWatchLogsClient.builder().endpointOverride(endpoint).region(region).credentialsProvider(credentials)
                        .httpClient(http).build(),
                EcrClient.builder().endpointOverride(endpoint).region(region).credentialsProvider(credentials).httpClient(http)
                        .build(),
                IamClient.builder().endpointOverride(endpoint).region(Region.AWS_GLOBAL).credentialsProvider(credentials)
                        .httpClient(http).build(),
                ApplicationAutoScalingClient.builder().endpointOverride(endpoint).region(region).credentialsProvider(credentials)
                        .httpClient(http).build());
    }

    @Override
    public void close() {
        clients.values().forEach(s -> {
            s.ecs().close();
            s.elb().close();
            s.logs().close();
            s.ecr().close();
            s.iam().close();
            s.scaling().close();
        });
        clients.clear();
        http.close();
    }
}
