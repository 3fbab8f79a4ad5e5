package berth.server;

import berth.aws.Authorizer;
import berth.aws.AwsService;
import berth.aws.CredentialSource;
import berth.aws.SigningKey;
import berth.platform.Platform;
import berth.store.Store;
import com.linecorp.armeria.server.HttpService;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** The server's side of {@link Platform}: what modules are given and what they registered. */
final class PlatformHost implements Platform {
    private final Config config;
    private final Store store;
    private final Clock clock;
    private final URI endpoint;
    private final List<CredentialSource> credentialSources = new CopyOnWriteArrayList<>();
    private final List<AwsService> awsServices = new CopyOnWriteArrayList<>();
    private final PrefixRoutes routes;
    private final Map<Class<?>, Object> published = new ConcurrentHashMap<>();
    private volatile Authorizer authorizer = Authorizer.ROOT_ONLY;

    PlatformHost(Config config, Store store, Clock clock, URI endpoint, CredentialSource builtIn, PrefixRoutes routes) {
        this.config = config;
        this.store = store;
        this.clock = clock;
        this.endpoint = endpoint;
        this.routes = routes;
        credentialSources.add(builtIn);
    }

    @Override public Store store() { return store; }
    @Override public Clock clock() { return clock; }
    @Override public String defaultAccountId() { return config.accountId(); }
    @Override public String defaultRegion() { return config.region(); }
    @Override public Path home() { return config.home(); }
    @Override public URI endpoint() { return endpoint; }

    @Override
    public CredentialSource credentials() {
        return this::findKey;
    }

    private Optional<SigningKey> findKey(String accessKeyId) {
        for (CredentialSource source : credentialSources) {
            Optional<SigningKey> key = source.find(accessKeyId);
            if (key.isPresent()) return key;
        }
        return Optional.empty();
    }

    @Override
    public void addCredentials(CredentialSource source) {
        credentialSources.add(source);
    }

    @Override
    public void addAwsService(AwsService service) {
        awsServices.add(service);
    }

    @Override
    public void addHttpService(String pathPrefix, HttpService service) {
        routes.add(pathPrefix, service);
    }

    @Override
    public void addHttpService(berth.platform.RequestClaim claim, HttpService service) {
        routes.add(claim, service);
    }

    @Override
    public void setAuthorizer(Authorizer authorizer) {
        this.authorizer = authorizer;
    }

    @Override
    public Authorizer authorizer() {
        return authorizer;
    }

    List<AwsService> awsServices() {
        return List.copyOf(awsServices);
    }

    @Override
    public <T> Optional<T> lookup(Class<T> type) {
        return Optional.ofNullable(type.cast(published.get(type)));
    }

    @Override
    public <T> void publish(Class<T> type, T instance) {
        published.put(type, instance);
    }
}
