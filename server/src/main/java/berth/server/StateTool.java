package berth.server;

import berth.store.Store;
import berth.store.Stores;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * {@code berth state export FILE} and {@code berth state import FILE} while berth is stopped: opens
 * the store directly (the embedded store refuses while a running berth holds it).
 */
public final class StateTool {
    private StateTool() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2 || !(args[0].equals("export") || args[0].equals("import"))) {
            System.err.println("usage: berth state export FILE | berth state import FILE");
            System.exit(2);
        }
        Config config = Config.fromEnvironment(System.getenv());
        Path file = Path.of(args[1]);
        try (Store store = Stores.open(config.storeSpec(), config.home().resolve("state"))) {
            if (args[0].equals("export")) {
                Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
                int count;
                try (OutputStream out = Files.newOutputStream(tmp)) {
                    count = StateSnapshot.export(store, out);
                }
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                System.out.println("exported " + count + " records to " + file);
            } else {
                int count;
                try (InputStream in = Files.newInputStream(file)) {
                    count = StateSnapshot.replace(store, StateSnapshot.read(in));
                } catch (IOException e) {
                    System.err.println("berth: " + file + ": " + e.getMessage() + " (nothing was imported)");
                    System.exit(1);
                    return;
                }
                System.out.println("imported " + count + " records from " + file);
            }
        }
    }
}
