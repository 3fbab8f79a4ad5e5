package berth.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each service module keeps its domain in {@code core} packages that name no AWS SDK, Docker, JDBC
 * or HTTP type (and, where the module says so, no store or file type): decisions stay pure functions
 * that tests drive without I/O. A class file names every type it uses in its constant pool, in
 * internal form ({@code java/sql/Connection}), so a byte search finds imports and fully qualified
 * uses alike. The modules are read from this test's class path (directories or jars), where the
 * server has all of them.
 */
class CorePackagesArePureTest {
    private static final List<String> ALWAYS_FORBIDDEN = List.of(
            "software/amazon/awssdk/",
            "com/github/dockerjava/",
            "java/sql/",
            "javax/sql/",
            "java/net/http/",
            "java/net/HttpURLConnection",
            "java/net/URLConnection",
            "com/sun/net/httpserver/",
            "com/linecorp/armeria/",
            "io/netty/",
            "okhttp3/",
            "org/apache/http/",
            "org/apache/hc/");

    /** A module's core packages, how many classes they hold at least, and what else they must not name. */
    record Core(String module, List<String> packages, int minimumClasses, List<String> alsoForbidden) {
        @Override
        public String toString() {
            return module;
        }
    }

    static List<Core> cores() {
        return List.of(
                new Core("ecs", List.of("berth/ecs/core"), 10, List.of()),
                new Core("iam", List.of("berth/iam/core"), 10, List.of()),
                new Core("elb", List.of("berth/elb/core"), 20, List.of("com/fasterxml/jackson/", "berth/store/")),
                new Core("logs", List.of("berth/logs/core"), 10,
                        List.of("java/nio/file/", "java/nio/channels/", "berth/store/")),
                new Core("secrets", List.of("berth/secrets/manager/core", "berth/secrets/ssm/core"), 10,
                        List.of("berth/store/")),
                new Core("registry", List.of("berth/registry/core"), 10, List.of("berth/store/")),
                new Core("apprunner", List.of("berth/apprunner/core"), 8,
                        List.of("berth/store/", "com/fasterxml/jackson/", "berth/elb/")),
                new Core("sqs", List.of("berth/sqs/core"), 10,
                        List.of("java/nio/file/", "java/nio/channels/", "berth/store/")),
                new Core("scheduler", List.of("berth/scheduler/core"), 5,
                        List.of("java/nio/file/", "java/nio/channels/", "berth/store/", "berth/platform/", "berth/ecs/",
                                "berth/sqs/", "com/fasterxml/jackson/")),
                new Core("events", List.of("berth/events/core"), 10,
                        List.of("java/nio/file/", "java/nio/channels/", "berth/store/")),
                new Core("s3", List.of("berth/s3/core"), 10,
                        List.of("java/nio/file/", "java/nio/channels/", "berth/store/", "com/fasterxml/jackson/")),
                new Core("ec2", List.of("berth/ec2/core"), 20, List.of("berth/store/", "java/nio/file/")),
                new Core("asg", List.of("berth/asg/core"), 5, List.of("berth/store/", "com/fasterxml/jackson/")),
                new Core("cloudwatch", List.of("berth/cloudwatch/core"), 5, List.of("berth/store/", "berth/platform/")),
                new Core("autoscaling", List.of("berth/autoscaling/core"), 5,
                        List.of("berth/store/", "berth/platform/", "berth/ecs/", "berth/cloudwatch/")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cores")
    void coreClassesNameNoInfrastructureType(Core core) throws IOException, URISyntaxException {
        List<String> forbidden = new ArrayList<>(ALWAYS_FORBIDDEN);
        forbidden.addAll(core.alsoForbidden());
        List<String> violations = new ArrayList<>();
        int classes = 0;
        for (String pkg : core.packages()) {
            URL location = getClass().getClassLoader().getResource(pkg);
            assertThat(location).as("package %s on the class path", pkg).isNotNull();
            try (PackageFiles files = PackageFiles.open(location.toURI())) {
                for (Path file : files.classFiles()) {
                    classes++;
                    String constants = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                    forbidden.stream().filter(constants::contains).forEach(f -> violations.add(file + " names " + f));
                }
            }
        }
        assertThat(classes).as("compiled %s core classes", core.module()).isGreaterThanOrEqualTo(core.minimumClasses());
        assertThat(violations).isEmpty();
    }

    /** The class files under a package directory, in a classes directory or inside a jar. */
    private record PackageFiles(Path root, FileSystem jar) implements AutoCloseable {
        static PackageFiles open(URI location) throws IOException {
            if (location.getScheme().equals("jar")) {
                FileSystem jar = FileSystems.newFileSystem(location, Map.of());
                String inside = location.getSchemeSpecificPart();
                return new PackageFiles(jar.getPath(inside.substring(inside.indexOf("!/") + 1)), jar);
            }
            return new PackageFiles(Path.of(location), null);
        }

        List<Path> classFiles() throws IOException {
            try (Stream<Path> files = Files.walk(root)) {
                return files.filter(f -> f.toString().endsWith(".class")).toList();
            }
        }

        @Override
        public void close() throws IOException {
            if (jar != null) jar.close();
        }
    }
}
