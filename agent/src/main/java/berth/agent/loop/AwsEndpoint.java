package berth.agent.loop;

import java.net.URI;

/**
 * Where and as whom the agent talks to the control plane.
 *
 * @param endpoint the control plane's endpoint, e.g. {@code http://127.0.0.1:4566}
 * @param region   the region requests are signed for
 */
public record AwsEndpoint(URI endpoint, String region, String accessKeyId, String secretAccessKey) {

    @Override
    public String toString() {
        return "AwsEndpoint[endpoint=" + endpoint + ", region=" + region + ", accessKeyId=" + accessKeyId + "]";
    }
}
