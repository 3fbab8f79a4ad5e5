package berth.iam.core;

import static org.assertj.core.api.Assertions.assertThat;


import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The core of the IAM module is pure domain: its compiled classes refer to no AWS SDK, Docker,
 * JDBC or HTTP type. Class files name every type they use in their constant pool, in internal
 * form ({@code java/sql/Connection}), so a byte search finds imports and fully qualified uses alike.
 */
class CoreIsPureTest {

    private static final List<String> FORBIDDEN = List.of(
            "software/amazon/awssdk/",
            "com/github/dockerjava/",
            "java/sql/",
            "javax/sql/",
            "java/net/http/",
            "java/net/HttpURLConnection",
            "java/net/URLConnection",
            "com/sun/net/httpserver/",
            "javax/servlet/",
            "jakarta/servlet/",
            "com/linecorp/armeria/",
            "io/netty/",
            "okhttp3/",
            "org/apache/http/",
            "org/apache/hc/");

    @Test
    void coreClassesReferToNoSdkDockerJdbcOrHttpType() throws IOException {
        Path core = classesRoot().resolve("berth/iam/core");
        List<Path> classes;
        try (Stream<Path> files = Files.walk(core)) {
            classes = files.filter(f -> f.toString().endsWith(".class")).toList();
        }
        assertThat(classes).as("compiled core classes").hasSizeGreaterThan(10);

        List<String> violations = new ArrayList<>();
        for (Path file : classes) {
            String constants = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            for (String forbidden : FORBIDDEN) {
                if (constants.contains(forbidden)) {
                    violations.add(core.relativize(file) + " refers to " + forbidden);
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    private static Path classesRoot() {
        try {
            return Path.of(PolicyEvaluator.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
