package berth.agent.loop;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Where and as whom the agent talks to the control plane.
 *
 * @param endpoint    the control plane's endpoint, e.g. {@code http://127.0.0.1:4566}
 * @param region      the region requests are signed for
 * @param credentials what requests are signed with: fixed keys, or an instance role's refreshing credentials
 */
public record AwsEndpoint(URI endpoint, String region, AwsCredentialsProvider credentials) {

    /** An endpoint signed with fixed long-term keys. */
    public AwsEndpoint(URI endpoint, String region, String accessKeyId, String secretAccessKey) {
        this(endpoint, region, StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey)));
    }

    /** The same endpoint and credentials, signing for another region. */
    public AwsEndpoint inRegion(String otherRegion) {
        return new AwsEndpoint(endpoint, otherRegion, credentials);
    }

    @Override
    public String toString() {
        return "AwsEndpoint[endpoint=" + endpoint + ", region=" + region + "]";
    }
}
