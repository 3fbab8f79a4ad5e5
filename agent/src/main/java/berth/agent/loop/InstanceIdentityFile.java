package berth.agent.loop;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * An agent's identity on disk ({@code instance.json} in its data directory): the EC2-style instance
 * id it made up on first start, and the container instance ARN it registered as, so a restarted agent
 * registers as the same instance. The directory is locked while an agent uses it: two agents on one
 * host need two directories.
 */
final class InstanceIdentityFile implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final String instanceId;
    private volatile Optional<String> containerInstanceArn;

    private InstanceIdentityFile(Path file, FileChannel lockChannel, FileLock lock, String instanceId,
                                 Optional<String> containerInstanceArn) {
        this.file = file;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.instanceId = instanceId;
        this.containerInstanceArn = containerInstanceArn;
    }

    /**
     * Opens (and locks) the identity in {@code dataDir}. {@code knownInstanceId} is the id the
     * instance metadata service gives, when there is one: a directory that held another instance's
     * identity forgets its registration.
     */
    static InstanceIdentityFile open(Path dataDir, Optional<String> knownInstanceId) {
        try {
            Files.createDirectories(dataDir);
            FileChannel channel = FileChannel.open(dataDir.resolve("agent.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new IllegalStateException("another agent is using " + dataDir
                        + "; give each agent on a host its own --data-dir (or --name)");
            }
            Path file = dataDir.resolve("instance.json");
            String instanceId = "";
            Optional<String> arn = Optional.empty();
            if (Files.exists(file)) {
                var json = JSON.readTree(file.toFile());
                instanceId = json.path("instanceId").asText("");
                String stored = json.path("containerInstanceArn").asText("");
                arn = stored.isEmpty() ? Optional.empty() : Optional.of(stored);
            }
            if (knownInstanceId.isPresent()) {
                if (!knownInstanceId.get().equals(instanceId)) {
                    arn = Optional.empty();
                }
                instanceId = knownInstanceId.get();
            } else if (!instanceId.matches("i-[0-9a-f]{17}")) {
                byte[] bytes = new byte[9];
                RANDOM.nextBytes(bytes);
                instanceId = "i-" + HexFormat.of().formatHex(bytes).substring(0, 17);
            }
            InstanceIdentityFile identity = new InstanceIdentityFile(file, channel, lock, instanceId, arn);
            identity.save();
            return identity;
        } catch (IOException e) {
            throw new IllegalStateException("cannot use agent data directory " + dataDir + ": " + e.getMessage(), e);
        }
    }

    String instanceId() {
        return instanceId;
    }

    Optional<String> containerInstanceArn() {
        return containerInstanceArn;
    }

    void registeredAs(String arn) {
        containerInstanceArn = Optional.of(arn);
        save();
    }

    void forgetRegistration() {
        containerInstanceArn = Optional.empty();
        save();
    }

    private synchronized void save() {
        ObjectNode json = JSON.createObjectNode();
        json.put("instanceId", instanceId);
        containerInstanceArn.ifPresent(a -> json.put("containerInstanceArn", a));
        try {
            Path tmp = file.resolveSibling("instance.json.tmp");
            Files.write(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(json));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException ignored) {
            // the lock goes with the process anyway
        }
    }
}
