package berth.e2e;

import berth.junit5.BerthTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.EcsException;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Signatures, identities and account/region scoping, through the AWS SDK for Java v2. */
@BerthTest(accountId = "123456789012")
class SigningAndIdentityTest {
    private final URI endpoint;

    SigningAndIdentityTest(URI endpoint) {
        this.endpoint = endpoint;
    }

    @Test
    void callerIdentityOfTheDefaultRoot() {
        try (var sts = Clients.sts(endpoint, "test", "test", "eu-west-1")) {
            GetCallerIdentityResponse me = sts.getCallerIdentity();
            assertThat(me.account()).isEqualTo("123456789012");
            assertThat(me.arn()).isEqualTo("arn:aws:iam::123456789012:root");
            assertThat(me.userId()).isEqualTo("123456789012");
        }
    }

    @Test
    void twelveDigitAccessKeySelectsThatAccount() {
        try (var sts = Clients.sts(endpoint, "444455556666", "test", "us-east-1")) {
            assertThat(sts.getCallerIdentity().account()).isEqualTo("444455556666");
        }
    }

    @Test
    void wrongSecretIsRefusedOnQueryAndJson() {
        try (var sts = Clients.sts(endpoint, "test", "wrong", "us-east-1")) {
            assertThatThrownBy(sts::getCallerIdentity)
                    .isInstanceOfSatisfying(StsException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
                        assertThat(e.statusCode()).isEqualTo(403);
                    });
        }
        try (var ecs = Clients.ecs(endpoint, "test", "wrong", "us-east-1")) {
            assertThatThrownBy(ecs::listClusters)
                    .isInstanceOfSatisfying(EcsException.class, e ->
                            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException"));
        }
    }

    @Test
    void unknownAccessKeyIsRefused() {
        try (var sts = Clients.sts(endpoint, "AKIAIOSFODNN7EXAMPLE", "test", "us-east-1")) {
            assertThatThrownBy(sts::getCallerIdentity)
                    .isInstanceOfSatisfying(SdkServiceException.class, e ->
                            assertThat(((StsException) e).awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId"));
        }
        try (var ecs = Clients.ecs(endpoint, "AKIAIOSFODNN7EXAMPLE", "test", "us-east-1")) {
            assertThatThrownBy(ecs::listClusters)
                    .isInstanceOfSatisfying(EcsException.class, e ->
                            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException"));
        }
    }

    @Test
    void resourcesAreScopedByAccountAndRegion() {
        try (var east = Clients.ecs(endpoint, "test", "test", "us-east-1");
             var west = Clients.ecs(endpoint, "test", "test", "us-west-2");
             var other = Clients.ecs(endpoint, "777788889999", "test", "us-east-1")) {
            var created = east.createCluster(r -> r.clusterName("scoped")).cluster();
            assertThat(created.clusterArn()).isEqualTo("arn:aws:ecs:us-east-1:123456789012:cluster/scoped");
            assertThat(east.listClusters().clusterArns()).contains(created.clusterArn());
            assertThat(west.listClusters().clusterArns()).doesNotContain(created.clusterArn());
            assertThat(other.listClusters().clusterArns()).isEmpty();
            assertThat(other.describeClusters(r -> r.clusters("scoped")).failures())
                    .singleElement().satisfies(f -> {
                        assertThat(f.reason()).isEqualTo("MISSING");
                        assertThat(f.arn()).isEqualTo("arn:aws:ecs:us-east-1:777788889999:cluster/scoped");
                    });
            assertThatThrownBy(() -> other.deleteCluster(r -> r.cluster("scoped")))
                    .isInstanceOf(ClusterNotFoundException.class);
        }
    }
}
