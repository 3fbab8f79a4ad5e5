package berth.server;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything berth reads from its environment, resolved once at start.
 *
 * @param home where embedded state lives ({@code BERTH_HOME}, default {@code ~/.berth})
 * @param bindAddress the address the endpoint listens on ({@code BERTH_BIND}, default 127.0.0.1)
 * @param port the endpoint port ({@code BERTH_PORT}, default 4566; 0 picks a free one)
 * @param accountId the default account ({@code BERTH_ACCOUNT_ID}, default 000000000000)
 * @param region the region berth names when nothing else does ({@code BERTH_REGION}, default us-east-1)
 * @param storeSpec empty for the embedded store under {@code home/state}, or a PostgreSQL URL ({@code BERTH_STORE})
 * @param maxBodyBytes the largest AWS API request body accepted ({@code BERTH_MAX_BODY_BYTES})
 * @param initDirs extra directories of ready hooks besides {@code home/init/ready.d} ({@code --init-dir})
 * @param allowUnsignedReset whether {@code POST /_berth/reset} may be unsigned ({@code BERTH_ALLOW_UNSIGNED_RESET=1})
 * @param disabledServices modules not to start ({@code BERTH_DISABLE=elb,logs}); health lists them as disabled
 */
public record Config(Path home, String bindAddress, int port, String accountId, String region, String storeSpec,
                     long maxBodyBytes, List<Path> initDirs, boolean allowUnsignedReset, java.util.Set<String> disabledServices) {

    public Config {
        initDirs = List.copyOf(initDirs);
        disabledServices = java.util.Set.copyOf(disabledServices);
    }

    public static final long DEFAULT_MAX_BODY_BYTES = 32L * 1024 * 1024;

    public static Config fromEnvironment(Map<String, String> env) {
        Path home = env.containsKey("BERTH_HOME") && !env.get("BERTH_HOME").isBlank()
                ? Path.of(env.get("BERTH_HOME"))
                : Path.of(System.getProperty("user.home"), ".berth");
        return new Config(
                home.toAbsolutePath(),
                env.getOrDefault("BERTH_BIND", "127.0.0.1"),
                Integer.parseInt(env.getOrDefault("BERTH_PORT", "4566")),
                env.getOrDefault("BERTH_ACCOUNT_ID", "000000000000"),
                env.getOrDefault("BERTH_REGION", "us-east-1"),
                env.getOrDefault("BERTH_STORE", ""),
                Long.parseLong(env.getOrDefault("BERTH_MAX_BODY_BYTES", Long.toString(DEFAULT_MAX_BODY_BYTES))),
                List.of(),
                "1".equals(env.get("BERTH_ALLOW_UNSIGNED_RESET")) || "true".equalsIgnoreCase(env.get("BERTH_ALLOW_UNSIGNED_RESET")),
                java.util.Arrays.stream(env.getOrDefault("BERTH_DISABLE", "").split(","))
                        .map(String::trim).filter(s -> !s.isEmpty()).collect(java.util.stream.Collectors.toSet()));
    }

    public Config withPort(int newPort) {
        return new Config(home, bindAddress, newPort, accountId, region, storeSpec, maxBodyBytes, initDirs, allowUnsignedReset, disabledServices);
    }

    public Config withHome(Path newHome) {
        return new Config(newHome.toAbsolutePath(), bindAddress, port, accountId, region, storeSpec, maxBodyBytes, initDirs,
                allowUnsignedReset, disabledServices);
    }

    public Config withStore(String spec) {
        return new Config(home, bindAddress, port, accountId, region, spec, maxBodyBytes, initDirs, allowUnsignedReset, disabledServices);
    }

    public Config withAccountId(String account) {
        return new Config(home, bindAddress, port, account, region, storeSpec, maxBodyBytes, initDirs, allowUnsignedReset, disabledServices);
    }

    public Config withRegion(String newRegion) {
        return new Config(home, bindAddress, port, accountId, newRegion, storeSpec, maxBodyBytes, initDirs, allowUnsignedReset, disabledServices);
    }

    public Config withInitDir(Path dir) {
        List<Path> dirs = new java.util.ArrayList<>(initDirs);
        dirs.add(dir.toAbsolutePath());
        return new Config(home, bindAddress, port, accountId, region, storeSpec, maxBodyBytes, dirs, allowUnsignedReset, disabledServices);
    }

    public Config withUnsignedReset(boolean allowed) {
        return new Config(home, bindAddress, port, accountId, region, storeSpec, maxBodyBytes, initDirs, allowed, disabledServices);
    }

    /** Where ready hooks are looked for, in order. */
    public List<Path> readyHookDirs() {
        List<Path> dirs = new java.util.ArrayList<>();
        dirs.add(home.resolve("init").resolve("ready.d"));
        dirs.addAll(initDirs);
        return dirs;
    }
}
