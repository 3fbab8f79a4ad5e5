package berth.e2e.apprunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.e2e.AwsCli;
import berth.junit5.BerthTest;
import java.net.URI;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apprunner.AppRunnerClient;
import software.amazon.awssdk.services.apprunner.model.Connection;
import software.amazon.awssdk.services.apprunner.model.ConnectionStatus;
import software.amazon.awssdk.services.apprunner.model.InvalidRequestException;
import software.amazon.awssdk.services.apprunner.model.ProviderType;
import software.amazon.awssdk.services.apprunner.model.ResourceNotFoundException;

/**
 * App Runner's connections (kept PENDING_HANDSHAKE: the provider's handshake is beyond berth) and VPC
 * ingress connections (none can exist: berth's services are all public), with the SDK and the aws CLI.
 */
@BerthTest(reset = BerthTest.Reset.PER_TEST, resetServices = "apprunner")
class AppRunnerConnectionsTest {
    private static final String MISSING_INGRESS =
            "arn:aws:apprunner:us-east-1:000000000000:vpcingressconnection/none/0123456789abcdef0123456789abcdef";

    @Test
    void connectionsAreKeptPendingTheirHandshakeListedAndDeleted(AppRunnerClient apprunner, URI endpoint) throws Exception {
        Connection made = apprunner.createConnection(r -> r.connectionName("my-github").providerType(ProviderType.GITHUB))
                .connection();
        assertThat(made.connectionArn()).matches("arn:aws:apprunner:us-east-1:000000000000:connection/my-github/[0-9a-f]{32}");
        assertThat(made.status()).isEqualTo(ConnectionStatus.PENDING_HANDSHAKE);
        apprunner.createConnection(r -> r.connectionName("my-bitbucket").providerType(ProviderType.BITBUCKET));
        assertThatThrownBy(() -> apprunner.createConnection(r -> r.connectionName("my-github")
                .providerType(ProviderType.GITHUB))).isInstanceOf(InvalidRequestException.class);

        assertThat(apprunner.listConnections(r -> r.connectionName("my-github")).connectionSummaryList())
                .singleElement().satisfies(c -> assertThat(c.connectionArn()).isEqualTo(made.connectionArn()));
        AwsCli.Result listed = AwsCli.installed().get(0).run(endpoint, "test", "test", "apprunner", "list-connections");
        assertThat(listed.exitCode()).isZero();
        assertThat(listed.stdout()).contains("my-github", "my-bitbucket", "PENDING_HANDSHAKE");

        assertThat(apprunner.deleteConnection(r -> r.connectionArn(made.connectionArn())).connection().status())
                .isEqualTo(ConnectionStatus.DELETED);
        assertThat(apprunner.listConnections(r -> r.maxResults(10)).connectionSummaryList())
                .extracting(c -> c.connectionName()).containsExactly("my-bitbucket");
        assertThatThrownBy(() -> apprunner.deleteConnection(r -> r.connectionArn(made.connectionArn())))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void noVpcIngressConnectionCanBeMadeToAPublicService(AppRunnerClient apprunner) {
        assertThat(apprunner.listVpcIngressConnections(r -> r.maxResults(5)).vpcIngressConnectionSummaryList()).isEmpty();
        assertThatThrownBy(() -> apprunner.createVpcIngressConnection(r -> r.vpcIngressConnectionName("ingress")
                .serviceArn("arn:aws:apprunner:us-east-1:000000000000:service/none/0123456789abcdef0123456789abcdef")
                .ingressVpcConfiguration(c -> c.vpcId("vpc-1").vpcEndpointId("vpce-1"))))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> apprunner.describeVpcIngressConnection(r -> r.vpcIngressConnectionArn(MISSING_INGRESS)))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> apprunner.deleteVpcIngressConnection(r -> r.vpcIngressConnectionArn(MISSING_INGRESS)))
                .isInstanceOf(ResourceNotFoundException.class);
    }
}
