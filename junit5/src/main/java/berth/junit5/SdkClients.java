package berth.junit5;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/** Builds any AWS SDK v2 synchronous client, pointed at berth, through its static {@code builder()}. */
final class SdkClients {
    private SdkClients() {}

    /** A client the extension made and closes when its scope ends. */
    record Owned(SdkClient client) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            client.close();
        }
    }

    static SdkClient create(Class<?> type, Berth berth) {
        try {
            Object builder = type.getMethod("builder").invoke(null);
            if (!(builder instanceof AwsClientBuilder<?, ?> aws) || !(builder instanceof SdkSyncClientBuilder<?, ?> sync)) {
                throw new ParameterResolutionException(type.getName() + " is not a synchronous AWS SDK client");
            }
            aws.endpointOverride(berth.endpoint());
            aws.region(berth.region());
            aws.credentialsProvider(berth.credentials());
            sync.httpClient(UrlConnectionHttpClient.create());
            return (SdkClient) ((software.amazon.awssdk.utils.builder.SdkBuilder<?, ?>) builder).build();
        } catch (ReflectiveOperationException e) {
            throw new ParameterResolutionException("cannot build " + type.getName() + ": " + e, e);
        }
    }
}
