package berth.agent.loop;

import berth.agent.runtime.ImageRef;
import berth.agent.runtime.Runtime;
import berth.agent.runtime.Tarball;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The image of the container that holds an awsvpc task's network namespace. No registry is needed:
 * when the engine lacks it, it is imported ({@code docker import}) from a root filesystem holding
 * only the host's statically linked busybox as {@code /bin/busybox}, which the pause container runs
 * as {@code busybox sleep}. {@code BERTH_PAUSE_BINARY} names another static busybox.
 */
final class PauseImage {

    private static final Logger LOG = LoggerFactory.getLogger(PauseImage.class);
    private static final List<String> CANDIDATES = List.of("/bin/busybox", "/usr/bin/busybox", "/usr/local/bin/busybox");
    private static final int PT_INTERP = 3;

    private PauseImage() {}

    static synchronized void ensure(Runtime runtime, ImageRef image) {
        if (runtime.inspectImage(image).isPresent()) {
            return;
        }
        Path busybox = staticBusybox().orElseThrow(() -> new IllegalStateException(
                "no statically linked busybox on this host to build the awsvpc pause image " + image
                        + " from (install busybox-static, or set BERTH_PAUSE_BINARY)"));
        try {
            byte[] tar = rootFilesystem(Files.readAllBytes(busybox));
            runtime.importImage(image, new ByteArrayInputStream(tar));
            LOG.info("built the awsvpc pause image {} from {}", image, busybox);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + busybox + ": " + e.getMessage(), e);
        }
    }

    static Optional<Path> staticBusybox() {
        List<String> candidates = new ArrayList<>();
        String configured = System.getenv("BERTH_PAUSE_BINARY");
        if (configured != null && !configured.isBlank()) {
            candidates.add(configured);
        }
        candidates.addAll(CANDIDATES);
        for (String candidate : candidates) {
            Path p = Path.of(candidate);
            if (Files.isRegularFile(p) && Files.isReadable(p) && isStatic(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** A 64-bit little-endian ELF executable without a program interpreter is statically linked. */
    static boolean isStatic(Path file) {
        try {
            byte[] elf = Files.readAllBytes(file);
            if (elf.length < 64 || elf[0] != 0x7f || elf[1] != 'E' || elf[2] != 'L' || elf[3] != 'F' || elf[4] != 2
                    || elf[5] != 1) {
                return false;
            }
            ByteBuffer b = ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN);
            long phoff = b.getLong(0x20);
            int phentsize = Short.toUnsignedInt(b.getShort(0x36));
            int phnum = Short.toUnsignedInt(b.getShort(0x38));
            for (int i = 0; i < phnum; i++) {
                long at = phoff + (long) i * phentsize;
                if (at + 4 > elf.length) {
                    return false;
                }
                if (b.getInt((int) at) == PT_INTERP) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A tar of {@code bin/busybox} (mode 0755) and an empty {@code tmp/}. */
    static byte[] rootFilesystem(byte[] busybox) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(busybox.length + 4096);
        Tarball.entry(out, "bin/", 040755, new byte[0], '5');
        Tarball.entry(out, "tmp/", 041777, new byte[0], '5');
        Tarball.entry(out, "bin/busybox", 0100755, busybox, '0');
        Tarball.end(out);
        return out.toByteArray();
    }
}
