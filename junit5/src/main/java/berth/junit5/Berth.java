package berth.junit5;

import berth.server.BerthServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

import java.net.URI;
import java.util.Arrays;
import java.util.List;

/** A running berth as a test sees it. */
public final class Berth {
    private final BerthServer server;
    private final Region region;

    Berth(BerthServer server, Region region) {
        this.server = server;
        this.region = region;
    }

    public URI endpoint() {
        return server.endpointUri();
    }

    public Region region() {
        return region;
    }

    public String accountId() {
        return server.config().accountId();
    }

    /** {@code test}/{@code test}: the root of {@link #accountId()}. */
    public AwsCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
    }

    /** The root of another account: a 12-digit access key id selects it. */
    public AwsCredentialsProvider credentialsOfAccount(String accountId) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(accountId, "test"));
    }

    /** Wipes the named services (all when none named) and stops what they run. */
    public List<String> reset(String... services) {
        try {
            return server.reset(Arrays.asList(services));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("reset failed", e);
        }
    }

    BerthServer server() {
        return server;
    }
}
