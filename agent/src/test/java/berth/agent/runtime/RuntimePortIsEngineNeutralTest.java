package berth.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The Runtime port speaks berth's records only: no engine client types leak through it. */
class RuntimePortIsEngineNeutralTest {

    private static final List<String> FORBIDDEN = List.of("com.github.dockerjava", "java.net.http", "java.sql");

    @Test
    void importsNoEngineClientTypes() throws IOException {
        Path port = Path.of("src/main/java/berth/agent/runtime");
        assertThat(port).isDirectory();
        try (Stream<Path> files = Files.walk(port)) {
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
