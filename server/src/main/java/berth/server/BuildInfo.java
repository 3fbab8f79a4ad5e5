package berth.server;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version berth was built as, from the properties Maven writes at build time. */
public final class BuildInfo {
    private BuildInfo() {}

    public static String version() {
        try (InputStream in = BuildInfo.class.getResourceAsStream("/berth-build.properties")) {
            if (in == null) return "dev";
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }
}
