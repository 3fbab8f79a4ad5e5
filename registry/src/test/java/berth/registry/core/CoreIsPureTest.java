package berth.registry.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The registry's core refers to no AWS SDK, Docker, JDBC or HTTP type (class files name every type they use). */
class CoreIsPureTest {
    private static final List<String> FORBIDDEN = List.of("software/amazon/awssdk/", "com/github/dockerjava/", "java/sql/",
            "javax/sql/", "java/net/http/", "java/net/HttpURLConnection", "com/linecorp/armeria/", "io/netty/", "berth/store/");

    @Test
    void coreClassesReferToNoSdkDockerJdbcHttpOrStoreType() throws Exception {
        Path core = Path.of(Digest.class.getProtectionDomain().getCodeSource().getLocation().toURI()).resolve("berth/registry/core");
        List<Path> classes;
        try (Stream<Path> files = Files.walk(core)) {
            classes = files.filter(f -> f.toString().endsWith(".class")).toList();
        }
        assertThat(classes).hasSizeGreaterThan(10);
        List<String> violations = new ArrayList<>();
        for (Path file : classes) {
            String constants = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            FORBIDDEN.stream().filter(constants::contains).forEach(f -> violations.add(core.relativize(file) + " refers to " + f));
        }
        assertThat(violations).isEmpty();
    }
}
