package berth.logs.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;

/** Directory chores of segment storage: making entries durable and removing trees. */
final class Directories {
    private Directories() {}

    /** fsyncs a directory, so that files created, renamed or deleted in it stay so after a crash. */
    static void sync(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** Creates {@code dir} and any missing parents, syncing each parent whose entries changed. */
    static void create(Path dir) throws IOException {
        if (Files.isDirectory(dir)) return;
        Path parent = dir.getParent();
        if (parent != null) create(parent);
        try {
            Files.createDirectory(dir);
        } catch (java.nio.file.FileAlreadyExistsException raced) {
            return;
        }
        if (parent != null) sync(parent);
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (Stream<Path> files = Files.walk(root)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.deleteIfExists(path);
                } catch (java.nio.file.DirectoryNotEmptyException raced) {
                    deleteTree(path);
                }
            }
        } catch (NoSuchFileException gone) {
            // removed by someone else meanwhile: the outcome is the same
        }
    }
}
