package berth.agent.loop;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;
import java.util.Optional;

/**
 * The program of the awsvpc pause container, which only holds the task's network namespace: a
 * statically linked Linux executable of a few hundred bytes that berth writes itself, so no host
 * package and no registry is needed. It sets handlers for SIGTERM and SIGINT that exit with 0 (as
 * PID 1 of its namespace it would otherwise ignore them and wait for SIGKILL), then waits for
 * signals forever. One ELF file: header, one loadable segment (read + execute), code, then the
 * {@code struct sigaction} both handlers are installed from.
 */
final class PauseProgram {

    private static final long BASE = 0x400000L;
    private static final int HEADER = 64;
    private static final int PROGRAM_HEADER = 56;
    private static final int CODE = HEADER + PROGRAM_HEADER;
    private static final long SA_RESTORER = 0x04000000L;
    private static final short EM_X86_64 = 0x3e;
    private static final short EM_AARCH64 = 0xb7;

    private PauseProgram() {}

    /** The executable for an engine architecture ({@code x86_64}/{@code amd64}, {@code aarch64}/{@code arm64}). */
    static Optional<byte[]> forArchitecture(String architecture) {
        return switch (architecture.toLowerCase(Locale.ROOT)) {
            case "x86_64", "amd64" -> Optional.of(x86_64());
            case "aarch64", "arm64" -> Optional.of(aarch64());
            default -> Optional.empty();
        };
    }

    /*
     * x86-64, at CODE:
     *   00 mov eax,13; mov edi,15; lea rsi,[rip+act]; xor edx,edx; mov r10d,8; syscall   rt_sigaction(SIGTERM)
     *   1b the same with edi=2                                                          rt_sigaction(SIGINT)
     *   36 loop: mov eax,34; syscall; jmp loop                                          pause()
     *   3f handler: mov eax,60; xor edi,edi; syscall                                    exit(0)
     *   48 act
     */
    private static byte[] x86_64() {
        int handler = 0x3f;
        int act = 0x48;
        ByteBuffer code = little(act);
        for (int signal : new int[] {15, 2}) {
            int at = code.position();
            code.put((byte) 0xb8).putInt(13);
            code.put((byte) 0xbf).putInt(signal);
            code.put((byte) 0x48).put((byte) 0x8d).put((byte) 0x35).putInt(act - (at + 0x11));
            code.put((byte) 0x31).put((byte) 0xd2);
            code.put((byte) 0x41).put((byte) 0xba).putInt(8);
            code.put((byte) 0x0f).put((byte) 0x05);
        }
        code.put((byte) 0xb8).putInt(34);
        code.put((byte) 0x0f).put((byte) 0x05);
        code.put((byte) 0xeb).put((byte) 0xf7);
        code.put((byte) 0xb8).putInt(60);
        code.put((byte) 0x31).put((byte) 0xff);
        code.put((byte) 0x0f).put((byte) 0x05);
        return elf(EM_X86_64, code, handler);
    }

    /*
     * AArch64, at CODE (there is no pause syscall: ppoll with no descriptors and no timeout waits for a signal):
     *   00 x8=134 (rt_sigaction), x0=15, x1=act, x2=0, x3=8, svc 0
     *   18 the same with x0=2
     *   30 loop: x8=73 (ppoll), x0..x3=0, x4=8, svc 0, b loop
     *   50 handler: x8=93 (exit), x0=0, svc 0
     *   5c nop (act is 8-aligned)
     *   60 act
     */
    private static byte[] aarch64() {
        int handler = 0x50;
        int act = 0x60;
        ByteBuffer code = little(act);
        for (int signal : new int[] {15, 2}) {
            int at = code.position();
            code.putInt(movz(8, 134)).putInt(movz(0, signal)).putInt(adr(1, act - (at + 8)))
                    .putInt(movz(2, 0)).putInt(movz(3, 8)).putInt(SVC);
        }
        code.putInt(movz(8, 73)).putInt(movz(0, 0)).putInt(movz(1, 0)).putInt(movz(2, 0)).putInt(movz(3, 0))
                .putInt(movz(4, 8)).putInt(SVC).putInt(0x14000000 | ((0x30 - 0x4c) / 4 & 0x3ffffff));
        code.putInt(movz(8, 93)).putInt(movz(0, 0)).putInt(SVC);
        code.putInt(0xd503201f);
        return elf(EM_AARCH64, code, handler);
    }

    private static final int SVC = 0xd4000001;

    private static int movz(int register, int value) {
        return 0xd2800000 | (value << 5) | register;
    }

    private static int adr(int register, int offset) {
        return 0x10000000 | ((offset & 3) << 29) | ((offset >> 2 & 0x7ffff) << 5) | register;
    }

    private static ByteBuffer little(int codeBytes) {
        return ByteBuffer.allocate(codeBytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The ELF file: {@code code} (filled exactly), then the sigaction naming {@code handler}. */
    private static byte[] elf(short machine, ByteBuffer code, int handler) {
        if (code.hasRemaining()) {
            throw new IllegalStateException("pause program code is " + code.position() + " bytes, not " + code.limit());
        }
        long handlerAddress = BASE + CODE + handler;
        int size = CODE + code.limit() + 32;
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        b.putShort((short) 2).putShort(machine).putInt(1);
        b.putLong(BASE + CODE).putLong(HEADER).putLong(0);
        b.putInt(0).putShort((short) HEADER).putShort((short) PROGRAM_HEADER).putShort((short) 1)
                .putShort((short) 64).putShort((short) 0).putShort((short) 0);
        b.putInt(1).putInt(5).putLong(0).putLong(BASE).putLong(BASE).putLong(size).putLong(size).putLong(0x1000);
        b.put(code.array());
        b.putLong(handlerAddress).putLong(SA_RESTORER).putLong(handlerAddress).putLong(0);
        return b.array();
    }

    /** The executable as the only file of a root filesystem tar: {@code /pause}, mode 0755. */
    static byte[] rootFilesystem(byte[] program) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(program.length + 2048);
        try {
            berth.agent.runtime.Tarball.entry(out, "pause", 0100755, program, '0');
            berth.agent.runtime.Tarball.end(out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
