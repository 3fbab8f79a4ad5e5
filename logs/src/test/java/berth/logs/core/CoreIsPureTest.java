package berth.logs.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The logs core names no AWS SDK, HTTP, JDBC or file type: its class files' constant pools say so. */
class CoreIsPureTest {
    private static final List<String> FORBIDDEN = List.of("software/amazon/awssdk/", "java/sql/", "java/net/http/",
            "com/linecorp/armeria/", "io/netty/", "java/nio/file/", "java/nio/channels/", "berth/store/");

    @Test
    void coreClassesReferToNoSdkHttpJdbcOrFileType() throws IOException, URISyntaxException {
        Path root = Path.of(StreamPage.class.getProtectionDomain().getCodeSource().getLocation().toURI()).resolve("berth/logs/core");
        List<Path> classes;
        try (Stream<Path> files = Files.walk(root)) {
            classes = files.filter(f -> f.toString().endsWith(".class")).toList();
        }
        assertThat(classes).hasSizeGreaterThan(10);
        List<String> violations = new ArrayList<>();
        for (Path file : classes) {
            String constants = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            FORBIDDEN.stream().filter(constants::contains).forEach(f -> violations.add(root.relativize(file) + " refers to " + f));
        }
        assertThat(violations).isEmpty();
    }
}
