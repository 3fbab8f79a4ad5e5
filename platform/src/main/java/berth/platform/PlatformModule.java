package berth.platform;

/**
 * One service area of berth (ECS, ECR, IAM, ...), found on the classpath with
 * {@link java.util.ServiceLoader} (list the class in
 * {@code META-INF/services/berth.platform.PlatformModule}). The server starts every module it finds,
 * in {@link #order()} order, and stops them in reverse.
 */
public interface PlatformModule {

    /** Short lower-case name, used in health output and in {@code /_berth/reset?services=}. */
    String name();

    /** Lower starts earlier; modules others depend on (identity) start first. */
    default int order() {
        return 100;
    }

    /** Registers this module's AWS services, HTTP routes and background loops. */
    void start(Platform platform) throws Exception;

    /**
     * Waits, after every module started and AWS calls are answered, until this module can do its work
     * (e.g. the local agent has registered), so berth reports ready only then. Bounded; never throws
     * for a slow start.
     */
    default void awaitReady() {}

    /**
     * Returns this module to a clean slate: every record it owns (the server clears the store kinds
     * under {@link #storeKindPrefixes()} itself) and everything outside the store it created
     * (containers, blobs, sockets). Runs while requests may still arrive; must be idempotent.
     */
    default void reset() throws Exception {}

    /** The store kind prefixes this module owns, e.g. {@code "ecs."}; cleared on reset. */
    default java.util.List<String> storeKindPrefixes() {
        return java.util.List.of(name() + ".");
    }

    /** Stops background work; the store is still open while this runs. */
    default void stop() throws Exception {}
}
