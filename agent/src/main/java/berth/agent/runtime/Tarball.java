package berth.agent.runtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes the ustar archive format, as far as root filesystems for {@link Runtime#importImage} need
 * it: directories and regular files owned by root, no timestamps.
 */
public final class Tarball {

    private Tarball() {}

    /**
     * Appends one entry.
     *
     * @param mode the file type and permission bits, e.g. {@code 0100755} for an executable
     * @param type {@code '0'} for a regular file, {@code '5'} for a directory
     */
    public static void entry(ByteArrayOutputStream out, String name, int mode, byte[] data, char type)
            throws IOException {
        byte[] header = new byte[512];
        put(header, 0, 100, name);
        put(header, 100, 8, octal(mode & 07777, 7));
        put(header, 108, 8, octal(0, 7));
        put(header, 116, 8, octal(0, 7));
        put(header, 124, 12, octal(data.length, 11));
        put(header, 136, 12, octal(0, 11));
        header[156] = (byte) type;
        put(header, 257, 6, "ustar");
        put(header, 263, 2, "00");
        for (int i = 148; i < 156; i++) {
            header[i] = ' ';
        }
        long sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        put(header, 148, 8, octal(sum, 6) + "\0 ");
        out.write(header);
        out.write(data);
        out.write(new byte[(512 - data.length % 512) % 512]);
    }

    /** Ends the archive with its two empty blocks. */
    public static void end(ByteArrayOutputStream out) throws IOException {
        out.write(new byte[1024]);
    }

    private static String octal(long value, int digits) {
        String s = Long.toOctalString(value);
        return "0".repeat(Math.max(0, digits - s.length())) + s;
    }

    private static void put(byte[] header, int offset, int length, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, header, offset, Math.min(bytes.length, length));
    }
}
