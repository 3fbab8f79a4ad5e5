package berth.s3.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@link ObjectData} in a directory:
 * <pre>
 * data/ab/abcdef…      one file per data id (32 hex digits), never rewritten
 * staging/&lt;id&gt;        bytes being received; removed on start
 * </pre>
 * A data file appears only by {@code rename(2)} of a staging file after it was forced to disk,
 * followed by a sync of the directory, as the registry's blob store does it.
 */
public final class FilesystemObjectData implements ObjectData {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");

    private final Path dataRoot;
    private final Path stagingRoot;

    public FilesystemObjectData(Path root) throws IOException {
        this.dataRoot = root.resolve("data");
        this.stagingRoot = root.resolve("staging");
        Files.createDirectories(dataRoot);
        deleteTree(stagingRoot);
        Files.createDirectories(stagingRoot);
    }

    private static String newId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    Path path(String dataId) {
        return dataRoot.resolve(dataId.substring(0, 2)).resolve(dataId);
    }

    @Override
    public Staging stage() throws IOException {
        String id = newId();
        Path file = stagingRoot.resolve(id);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return new Staging() {
            private boolean done;

            @Override
            public FileChannel channel() {
                return channel;
            }

            @Override
            public String commit() throws IOException {
                channel.force(false);
                channel.close();
                Path target = path(id);
                Files.createDirectories(target.getParent());
                Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
                syncDirectory(target.getParent());
                done = true;
                return id;
            }

            @Override
            public void close() {
                if (done) return;
                try {
                    channel.close();
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    @Override
    public Optional<DataFile> open(String dataId) {
        if (!ID.matcher(dataId).matches()) return Optional.empty();
        Path file = path(dataId);
        try {
            long size = Files.size(file);
            return Optional.of(new DataFile() {
                @Override
                public long size() {
                    return size;
                }

                @Override
                public Path path() {
                    return file;
                }
            });
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public String duplicate(String dataId) throws IOException {
        Path source = path(dataId);
        String id = newId();
        Path target = path(id);
        Files.createDirectories(target.getParent());
        try {
            Files.createLink(target, source);
        } catch (UnsupportedOperationException | java.nio.file.FileSystemException e) {
            Path staged = stagingRoot.resolve(id);
            Files.copy(source, staged);
            try (FileChannel channel = FileChannel.open(staged, StandardOpenOption.WRITE)) {
                channel.force(false);
            }
            Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
        }
        syncDirectory(target.getParent());
        return id;
    }

    @Override
    public void delete(String dataId) throws IOException {
        if (ID.matcher(dataId).matches()) Files.deleteIfExists(path(dataId));
    }

    @Override
    public List<Stored> stored() throws IOException {
        List<Stored> out = new ArrayList<>();
        try (DirectoryStream<Path> prefixes = Files.newDirectoryStream(dataRoot)) {
            for (Path prefix : prefixes) {
                try (DirectoryStream<Path> files = Files.newDirectoryStream(prefix)) {
                    for (Path file : files) {
                        String name = file.getFileName().toString();
                        if (!ID.matcher(name).matches()) continue;
                        try {
                            out.add(new Stored(name, Files.getLastModifiedTime(file).toInstant()));
                        } catch (NoSuchFileException gone) {
                            // deleted while listing
                        }
                    }
                }
            }
        }
        return out;
    }

    @Override
    public void clear() throws IOException {
        deleteTree(dataRoot);
        deleteTree(stagingRoot);
        Files.createDirectories(dataRoot);
        Files.createDirectories(stagingRoot);
    }

    private static void syncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(path);
        }
    }
}
