package berth.ec2.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class EcsConfigTest {
    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theClusterComesFromTheLinesUserDataAppendsToEcsConfig() {
        assertThat(EcsConfig.ofUserData(base64("#!/bin/bash\necho ECS_CLUSTER=web >> /etc/ecs/ecs.config\n")).cluster())
                .isEqualTo("web");
        assertThat(EcsConfig.ofUserData(base64("#!/bin/bash\necho \"ECS_CLUSTER=quoted\" >> /etc/ecs/ecs.config")).cluster())
                .isEqualTo("quoted");
        assertThat(EcsConfig.ofUserData(base64("#!/bin/bash\ncat <<'EOF' >> /etc/ecs/ecs.config\nECS_CLUSTER=first\n"
                + "ECS_RESERVED_MEMORY=256\nECS_CLUSTER=last\nEOF\n"))).satisfies(c -> {
                    assertThat(c.cluster()).isEqualTo("last");
                    assertThat(c.reservedMemoryMiB()).isEqualTo(256);
                });
        assertThat(EcsConfig.ofUserData("").cluster()).isEqualTo("default");
    }

    @Test
    void gzippedUserDataAndAttributesAndCleanupWaitAreRead() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(("#cloud-config\nwrite_files:\n  - path: /etc/ecs/ecs.config\n    content: |\n      ECS_CLUSTER=zipped\n"
                    + "      ECS_INSTANCE_ATTRIBUTES={\"rack\":\"r1\"}\n      ECS_ENGINE_TASK_CLEANUP_WAIT_DURATION=1m30s\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        EcsConfig config = EcsConfig.ofUserData(Base64.getEncoder().encodeToString(bytes.toByteArray()));
        assertThat(config.cluster()).isEqualTo("zipped");
        assertThat(config.instanceAttributes()).containsEntry("rack", "r1");
        assertThat(config.cleanupWaitSeconds()).isEqualTo(90);
    }
}
