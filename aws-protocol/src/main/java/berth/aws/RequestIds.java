package berth.aws;

import java.util.UUID;

/** Request ids as AWS issues them: random UUIDs, returned in {@code x-amzn-RequestId} and Query bodies. */
public final class RequestIds {
    private RequestIds() {}

    public static String next() {
        return UUID.randomUUID().toString();
    }
}
