package berth.junit5;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.sts.StsClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** What a test can ask for, and that it is configured for this class's berth. */
@BerthTest(accountId = "210987654321", region = "eu-central-1")
class InjectionTest {
    private final URI endpoint;

    InjectionTest(URI endpoint) {
        this.endpoint = endpoint;
    }

    @Test
    void clientsSignForTheConfiguredAccountAndRegion(StsClient sts, EcsClient ecs, Region region) {
        assertThat(sts.getCallerIdentity().account()).isEqualTo("210987654321");
        assertThat(region).isEqualTo(Region.EU_CENTRAL_1);
        assertThat(ecs.createCluster(r -> r.clusterName("here")).cluster().clusterArn())
                .isEqualTo("arn:aws:ecs:eu-central-1:210987654321:cluster/here");
    }

    @Test
    void endpointIsALiveBerth(Berth berth, AwsCredentialsProvider credentials) throws Exception {
        assertThat(berth.endpoint()).isEqualTo(endpoint);
        assertThat(credentials.resolveCredentials().accessKeyId()).isEqualTo("test");
        HttpResponse<String> health = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(endpoint.resolve("/_berth/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"ready\"");
    }

    @Test
    void otherAccountsNeedNoSetup(Berth berth) {
        try (StsClient other = StsClient.builder().endpointOverride(berth.endpoint()).region(berth.region())
                .credentialsProvider(berth.credentialsOfAccount("333344445555"))
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()).build()) {
            assertThat(other.getCallerIdentity().account()).isEqualTo("333344445555");
        }
    }
}
