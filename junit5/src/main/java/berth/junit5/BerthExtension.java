package berth.junit5;

import berth.server.BerthServer;
import berth.server.Config;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.regions.Region;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/** The engine behind {@link BerthTest}: starts, shares, resets and injects berth. */
public final class BerthExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(BerthExtension.class);
    private static final String SHARED = "berth.shared";
    private static final String OWN = "berth.class";

    @Override
    public void beforeAll(ExtensionContext context) {
        BerthTest settings = settings(context);
        Berth berth = berth(context);
        if (settings.reset() == BerthTest.Reset.PER_CLASS) berth.reset(settings.resetServices());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        BerthTest settings = settings(context);
        if (settings.reset() == BerthTest.Reset.PER_TEST) berth(context).reset(settings.resetServices());
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Berth.class || type == URI.class || type == AwsCredentialsProvider.class || type == Region.class
                || (SdkClient.class.isAssignableFrom(type) && type.isInterface());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        Berth berth = berth(context);
        if (type == Berth.class) return berth;
        if (type == URI.class) return berth.endpoint();
        if (type == AwsCredentialsProvider.class) return berth.credentials();
        if (type == Region.class) return berth.region();
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        return store.getOrComputeIfAbsent("client:" + type.getName(), k -> new SdkClients.Owned(SdkClients.create(type, berth)),
                SdkClients.Owned.class).client();
    }

    /** The berth of this test: the run's shared one, or the class's own, started on first use. */
    static Berth berth(ExtensionContext context) {
        BerthTest settings = settings(context);
        if (settings.shared()) {
            return context.getRoot().getStore(NAMESPACE)
                    .getOrComputeIfAbsent(SHARED, k -> Running.start(settings), Running.class).berth();
        }
        ExtensionContext classContext = classContext(context);
        return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(OWN, k -> Running.start(settings), Running.class).berth();
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext current = context;
        while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
            current = current.getParent().get();
        }
        return current;
    }

    private static BerthTest settings(ExtensionContext context) {
        Optional<Class<?>> type = context.getTestClass();
        while (type.isPresent()) {
            BerthTest found = type.get().getAnnotation(BerthTest.class);
            if (found != null) return found;
            type = Optional.ofNullable(type.get().getEnclosingClass());
        }
        throw new ParameterResolutionException("no @BerthTest on " + context.getTestClass().map(Class::getName).orElse("?"));
    }

    /** A berth started for tests, with its own temporary home, closed when its scope ends. */
    record Running(Berth berth, Path home) implements ExtensionContext.Store.CloseableResource {
        static Running start(BerthTest settings) {
            try {
                Path home = Files.createTempDirectory("berth-test-");
                Config config = Config.fromEnvironment(System.getenv())
                        .withHome(home).withPort(0).withStore("").withAccountId(settings.accountId())
                        .withRegion(settings.region());
                BerthServer server = BerthServer.start(config);
                return new Running(new Berth(server, Region.of(settings.region())), home);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("berth did not start", e);
            }
        }

        @Override
        public void close() throws IOException {
            berth.server().close();
            try (Stream<Path> files = Files.walk(home)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
