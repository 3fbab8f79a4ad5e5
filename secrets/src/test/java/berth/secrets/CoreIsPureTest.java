package berth.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import berth.secrets.manager.core.SecretStages;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The Secrets Manager and Parameter Store cores name no AWS SDK, HTTP, JDBC or store type. */
class CoreIsPureTest {
    private static final List<String> FORBIDDEN = List.of("software/amazon/awssdk/", "java/sql/", "java/net/http/",
            "com/linecorp/armeria/", "io/netty/", "berth/store/");

    @Test
    void coreClassesReferToNoSdkHttpJdbcOrStoreType() throws IOException, URISyntaxException {
        Path classes = Path.of(SecretStages.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> violations = new ArrayList<>();
        int count = 0;
        for (String core : List.of("berth/secrets/manager/core", "berth/secrets/ssm/core")) {
            try (Stream<Path> files = Files.walk(classes.resolve(core))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                    count++;
                    String constants = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                    FORBIDDEN.stream().filter(constants::contains).forEach(f -> violations.add(file + " refers to " + f));
                }
            }
        }
        assertThat(count).isGreaterThan(10);
        assertThat(violations).isEmpty();
    }
}
