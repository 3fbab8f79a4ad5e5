package berth.elb.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The core of the ELB module is pure domain: its compiled classes refer to no AWS SDK, Netty, HTTP
 * server, JDBC or Jackson type (class files name every type they use in their constant pool).
 */
class CoreIsPureTest {
    private static final List<String> FORBIDDEN = List.of("software/amazon/awssdk/", "io/netty/", "com/linecorp/armeria/",
            "java/sql/", "java/net/http/", "com/sun/net/httpserver/", "com/fasterxml/jackson/", "berth/store/");

    @Test
    void coreClassesReferToNoIoType() throws Exception {
        Path core = Path.of(ElbArns.class.getProtectionDomain().getCodeSource().getLocation().toURI()).resolve("berth/elb/core");
        List<Path> classes;
        try (Stream<Path> files = Files.walk(core)) {
            classes = files.filter(f -> f.toString().endsWith(".class")).toList();
        }
        assertThat(classes).hasSizeGreaterThan(20);
        List<String> violations = new ArrayList<>();
        for (Path file : classes) {
            String constants = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            FORBIDDEN.stream().filter(constants::contains).forEach(f -> violations.add(core.relativize(file) + " refers to " + f));
        }
        assertThat(violations).isEmpty();
    }
}
