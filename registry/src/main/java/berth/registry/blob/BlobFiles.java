package berth.registry.blob;

import berth.registry.core.Digest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/** File operations of {@link FilesystemBlobStore}: listing blobs, hashing a file, syncing a directory, removing a tree. */
final class BlobFiles {
    private static final int BUFFER_BYTES = 1 << 20;

    private BlobFiles() {}

    /** Every blob file under {@code blobsRoot} ({@code <algorithm>/<xx>/<hex>}), with its size and last use. */
    static List<BlobStore.BlobUsage> list(Path blobsRoot) {
        List<BlobStore.BlobUsage> out = new ArrayList<>();
        try (DirectoryStream<Path> algorithms = Files.newDirectoryStream(blobsRoot)) {
            for (Path algorithm : algorithms) {
                try (DirectoryStream<Path> prefixes = Files.newDirectoryStream(algorithm)) {
                    for (Path prefix : prefixes) {
                        try (DirectoryStream<Path> files = Files.newDirectoryStream(prefix)) {
                            for (Path file : files) {
                                var digest = Digest.parse(algorithm.getFileName() + ":" + file.getFileName());
                                if (digest.isEmpty()) continue;
                                try {
                                    BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
                                    out.add(new BlobStore.BlobUsage(digest.get(), attrs.size(), attrs.lastModifiedTime().toInstant()));
                                } catch (NoSuchFileException gone) {
                                    // deleted while listing
                                }
                            }
                        }
                    }
                }
            }
        } catch (NoSuchFileException gone) {
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static Digest hash(Path file, Digest expected) throws IOException {
        MessageDigest hash;
        try {
            hash = MessageDigest.getInstance(expected.jcaName());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buffer = new byte[BUFFER_BYTES];
        try (InputStream in = Files.newInputStream(file)) {
            int read;
            while ((read = in.read(buffer)) > 0) hash.update(buffer, 0, read);
        }
        return Digest.of(expected.algorithm(), hash.digest());
    }

    static void syncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(path);
        }
    }
}
