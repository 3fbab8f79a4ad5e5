package berth.agent.loop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The awsvpc pause image comes from a statically linked busybox only. */
class PauseImageTest {

    @Test
    void tellsStaticFromDynamicExecutables() throws IOException {
        assertThat(PauseImage.isStatic(Path.of("/bin/busybox"))).as("busybox-static").isTrue();
        Path java = Path.of(ProcessHandle.current().info().command().orElseThrow());
        assertThat(PauseImage.isStatic(java)).as("the JVM launcher is dynamically linked").isFalse();
        Path text = Files.createTempFile("not-elf", ".txt");
        Files.writeString(text, "#!/bin/sh\n");
        assertThat(PauseImage.isStatic(text)).isFalse();
        Files.delete(text);
    }

    @Test
    void theRootFilesystemHoldsBusyboxExecutableAndTmp() throws IOException {
        byte[] tar = PauseImage.rootFilesystem(new byte[] {1, 2, 3});

        assertThat(tar.length % 512).isZero();
        assertThat(new String(tar, 0, 4)).isEqualTo("bin/");
        assertThat(new String(tar, 512, 4)).isEqualTo("tmp/");
        assertThat(new String(tar, 1024, 11)).isEqualTo("bin/busybox");
        assertThat(new String(tar, 1024 + 100, 7)).isEqualTo("0000755");
        assertThat(tar[1536]).isEqualTo((byte) 1);
    }
}
