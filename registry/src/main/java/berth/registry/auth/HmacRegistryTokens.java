package berth.registry.auth;

import berth.aws.Scope;
import berth.registry.auth.RegistryTokens;
import berth.registry.core.SignedStatement;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * {@link RegistryTokens} signed with a key kept in {@code <home>/registry/token.key} (created on
 * first start, readable by the owner only), so passwords stay valid across restarts. Also signs the
 * short-lived download URLs of GetDownloadUrlForLayer.
 */
public final class HmacRegistryTokens implements RegistryTokens {
    public static final Duration LIFETIME = Duration.ofHours(12);
    public static final Duration DOWNLOAD_LIFETIME = Duration.ofHours(1);
    private static final String LOGIN = "ecr-login";
    private static final String DOWNLOAD = "ecr-download";

    /** Verified passwords bound the cache so that a stream of distinct valid passwords cannot grow it without end. */
    private static final int VERIFIED_CAPACITY = 4096;

    private final SignedStatement signer;
    /**
     * Passwords already verified, with their holders: every registry request carries the password,
     * and the key never changes for this instance, so one HMAC check per password until it expires is enough.
     */
    private final ConcurrentHashMap<String, Holder> verified = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Supplier<String> proxyEndpoint;

    public HmacRegistryTokens(byte[] key, Clock clock, Supplier<String> proxyEndpoint) {
        this.signer = new SignedStatement(key);
        this.clock = clock;
        this.proxyEndpoint = proxyEndpoint;
    }

    /** The key in {@code file}, created with 32 random bytes when absent. */
    public static byte[] loadOrCreateKey(Path file) throws IOException {
        if (Files.exists(file)) return Files.readAllBytes(file);
        Files.createDirectories(file.getParent());
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Path temp = Files.createTempFile(file.getParent(), "token", ".key");
        try {
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // the file stays with the platform's default permissions
        }
        Files.write(temp, key);
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        return Files.readAllBytes(file);
    }

    @Override
    public Credentials issue(Scope scope, String principalArn) {
        Instant expires = clock.instant().plus(LIFETIME);
        String password = signer.sign(LOGIN, List.of(scope.accountId(), scope.region(), principalArn), expires);
        return new Credentials("AWS", password, expires, proxyEndpoint.get());
    }

    @Override
    public Optional<Holder> verify(String password) {
        Instant now = clock.instant();
        Holder known = verified.get(password);
        if (known != null) {
            if (now.isBefore(known.expiresAt())) return Optional.of(known);
            verified.remove(password, known);
        }
        Optional<Holder> holder = signer.verify(password, LOGIN, now)
                .filter(s -> s.fields().size() == 3)
                .map(s -> new Holder(new Scope(s.fields().get(0), s.fields().get(1)), s.fields().get(2), s.expiresAt()));
        holder.ifPresent(h -> {
            if (verified.size() >= VERIFIED_CAPACITY) verified.clear();
            verified.put(password, h);
        });
        return holder;
    }

    /** A token that lets its bearer download one blob of one repository for an hour. */
    public String downloadGrant(String repositoryKey, String digest) {
        return signer.sign(DOWNLOAD, List.of(repositoryKey, digest), clock.instant().plus(DOWNLOAD_LIFETIME));
    }

    /** The repository key ({@code account/region/name}) whose blob {@code digest} the grant lets its bearer download now. */
    public Optional<String> downloadableFrom(String grant, String digest) {
        return signer.verify(grant, DOWNLOAD, clock.instant())
                .filter(s -> s.fields().size() == 2 && s.fields().get(1).equals(digest))
                .map(s -> s.fields().get(0));
    }
}
