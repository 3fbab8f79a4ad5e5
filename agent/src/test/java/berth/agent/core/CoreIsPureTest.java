package berth.agent.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The agent's decisions import no SDK, engine client, HTTP or JDBC types, and read no clock of their own. */
class CoreIsPureTest {

    private static final List<String> FORBIDDEN = List.of("software.amazon.awssdk", "com.github.dockerjava",
            "java.net.http", "java.sql", "Instant.now()", "Clock.system", "berth.agent.docker", "berth.agent.loop");

    @Test
    void coreImportsNothingImpure() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/berth/agent/core"))) {
            List<String> offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> {
                        try {
                            String source = Files.readString(p);
                            return FORBIDDEN.stream().anyMatch(source::contains);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .map(Path::toString)
                    .toList();
            assertThat(offenders).isEmpty();
        }
    }
}
