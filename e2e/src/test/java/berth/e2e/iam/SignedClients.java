package berth.e2e.iam;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

import java.net.URI;

/** AWS SDK v2 clients pointed at berth, signing with given credentials (a user's key, a role session). */
final class SignedClients {
    static final AwsCredentials ROOT = AwsBasicCredentials.create("test", "test");

    private SignedClients() {}

    static AwsCredentials of(AccessKey key) {
        return AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
    }

    static AwsCredentials of(Credentials session) {
        return AwsSessionCredentials.create(session.accessKeyId(), session.secretAccessKey(), session.sessionToken());
    }

    static IamClient iam(URI endpoint, AwsCredentials credentials) {
        return IamClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    static StsClient sts(URI endpoint, AwsCredentials credentials) {
        return StsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    static EcsClient ecs(URI endpoint, AwsCredentials credentials, String region) {
        return EcsClient.builder().endpointOverride(endpoint).region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }
}
