package berth.server;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/** {@code berth up}: start the platform in the foreground until interrupted. */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws Exception {
        Config config = Config.fromEnvironment(System.getenv());
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> config = config.withPort(Integer.parseInt(args[++i]));
                case "--home" -> config = config.withHome(Path.of(args[++i]));
                case "--store" -> config = config.withStore(args[++i]);
                case "--init-dir" -> config = config.withInitDir(Path.of(args[++i]));
                default -> {
                    System.err.println("unknown option " + args[i]
                            + "\nusage: berth up [--port N] [--home DIR] [--store postgresql://...] [--init-dir DIR]");
                    System.exit(2);
                }
            }
        }
        BerthServer server = BerthServer.start(config);
        System.out.println(banner(server));
        System.out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "berth-shutdown"));
        stopped.await();
    }

    static String banner(BerthServer server) {
        Config c = server.config();
        return String.join("\n",
                "berth is ready",
                "  endpoint     " + server.endpoint(),
                "  credentials  AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test",
                "  account      " + c.accountId(),
                "  region       " + c.region() + " (any region is accepted)",
                "  state        " + (c.storeSpec().isEmpty() ? c.home().resolve("state") : "postgresql"),
                "  try          aws --endpoint-url " + server.endpoint() + " sts get-caller-identity",
                "press Ctrl-C to stop");
    }
}
