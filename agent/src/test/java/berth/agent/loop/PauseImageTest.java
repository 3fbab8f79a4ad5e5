package berth.agent.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** berth's own pause program: a static executable that waits for a signal and exits 0 on SIGTERM. */
class PauseImageTest {

    @ParameterizedTest
    @ValueSource(strings = {"x86_64", "aarch64"})
    void isAStaticElfExecutableForTheArchitecture(String architecture) {
        byte[] elf = PauseProgram.forArchitecture(architecture).orElseThrow();
        ByteBuffer b = ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN);

        assertThat(new String(elf, 1, 3)).isEqualTo("ELF");
        assertThat(b.getShort(16)).as("ET_EXEC").isEqualTo((short) 2);
        assertThat(b.getShort(18)).isEqualTo(architecture.equals("x86_64") ? (short) 0x3e : (short) 0xb7);
        assertThat(b.getShort(56)).as("one program header").isEqualTo((short) 1);
        assertThat(b.getInt(64)).as("PT_LOAD, so no interpreter").isEqualTo(1);
        assertThat(b.getLong(64 + 32)).as("the segment is the whole file").isEqualTo(elf.length);
        assertThat(b.getLong(24)).as("entry right after the headers").isEqualTo(0x400000L + 120);
    }

    @Test
    void knowsTheEngineArchitectureNames() {
        assertThat(PauseProgram.forArchitecture("amd64")).isPresent();
        assertThat(PauseProgram.forArchitecture("arm64")).isPresent();
        assertThat(PauseProgram.forArchitecture("s390x")).isEmpty();
    }

    /** Run on this host: it keeps running until SIGTERM, then exits 0 (a namespace's PID 1 needs the handler). */
    @Test
    void runsUntilSigtermAndExitsZero() throws Exception {
        assumeTrue(System.getProperty("os.arch").equals("amd64"), "runs here only on x86-64");
        Path program = Files.createTempFile("pause", "");
        Files.write(program, PauseProgram.forArchitecture("x86_64").orElseThrow());
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwx------"));
        try {
            Process p = new ProcessBuilder(program.toString()).start();
            assertThat(p.waitFor(300, TimeUnit.MILLISECONDS)).as("still waiting").isFalse();
            p.destroy();
            assertThat(p.waitFor(5, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
        } finally {
            Files.delete(program);
        }
    }

    @Test
    void theRootFilesystemHoldsOnlyThePauseExecutable() throws IOException {
        byte[] tar = PauseProgram.rootFilesystem(new byte[] {1, 2, 3});

        assertThat(tar.length % 512).isZero();
        assertThat(new String(tar, 0, 6)).isEqualTo("pause\0");
        assertThat(new String(tar, 100, 7)).isEqualTo("0000755");
        assertThat(tar[512]).isEqualTo((byte) 1);
        assertThat(tar.length).isEqualTo(512 + 512 + 1024);
    }
}
