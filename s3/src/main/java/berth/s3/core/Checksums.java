package berth.s3.core;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/**
 * The checksums S3 accepts ({@code CRC32}, {@code CRC32C}, {@code CRC64NVME}, {@code SHA1},
 * {@code SHA256}), computed over a stream of bytes, and the composite checksum of a multipart object:
 * the checksum of the parts' checksums, then {@code -N}.
 */
public final class Checksums {
    public static final List<String> ALGORITHMS = List.of("CRC32", "CRC32C", "CRC64NVME", "SHA1", "SHA256");

    private Checksums() {}

    /** The algorithm of a header or parameter name ({@code x-amz-checksum-crc32} → {@code CRC32}). */
    public static Optional<String> algorithmOf(String name) {
        String upper = name.toUpperCase(Locale.ROOT).replace("X-AMZ-CHECKSUM-", "").replace("-", "");
        return ALGORITHMS.stream().filter(a -> a.equals(upper)).findFirst();
    }

    public static String headerName(String algorithm) {
        return "x-amz-checksum-" + algorithm.toLowerCase(Locale.ROOT);
    }

    /** A running checksum of one algorithm. */
    public interface Running {
        void update(byte[] bytes, int offset, int length);

        byte[] digest();

        default String base64() {
            return Base64.getEncoder().encodeToString(digest());
        }
    }

    public static Running start(String algorithm) {
        return switch (algorithm) {
            case "CRC32" -> crc(new CRC32(), 4);
            case "CRC32C" -> crc(new CRC32C(), 4);
            case "CRC64NVME" -> new Crc64Nvme();
            case "SHA1" -> digest("SHA-1");
            case "SHA256" -> digest("SHA-256");
            default -> throw new IllegalArgumentException("unknown checksum algorithm " + algorithm);
        };
    }

    /** The composite checksum of parts whose checksums (base64) are given in order: {@code base64(checksum(raw…))-N}. */
    public static String composite(String algorithm, List<String> partChecksums) {
        Running over = start(algorithm);
        for (String part : partChecksums) {
            byte[] raw = Base64.getDecoder().decode(part);
            over.update(raw, 0, raw.length);
        }
        return over.base64() + "-" + partChecksums.size();
    }

    /** The ETag of a multipart object: the MD5 of the parts' MD5s, then {@code -N} (all unquoted hex). */
    public static String multipartEtag(List<String> partMd5Hex) {
        MessageDigest md5 = md5();
        for (String hex : partMd5Hex) md5.update(java.util.HexFormat.of().parseHex(hex));
        return java.util.HexFormat.of().formatHex(md5.digest()) + "-" + partMd5Hex.size();
    }

    public static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Running crc(Checksum checksum, int bytes) {
        return new Running() {
            @Override
            public void update(byte[] data, int offset, int length) {
                checksum.update(data, offset, length);
            }

            @Override
            public byte[] digest() {
                long value = checksum.getValue();
                byte[] out = new byte[bytes];
                for (int i = 0; i < bytes; i++) out[i] = (byte) (value >>> (8 * (bytes - 1 - i)));
                return out;
            }
        };
    }

    private static Running digest(String name) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance(name);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return new Running() {
            @Override
            public void update(byte[] data, int offset, int length) {
                digest.update(data, offset, length);
            }

            @Override
            public byte[] digest() {
                return digest.digest();
            }
        };
    }

    /** CRC-64/NVME: reflected polynomial 0x9A6C9329AC4BC9B5, initial and final value all ones. */
    private static final class Crc64Nvme implements Running {
        private static final long[] TABLE = new long[256];

        static {
            for (int i = 0; i < 256; i++) {
                long crc = i;
                for (int bit = 0; bit < 8; bit++) crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x9A6C9329AC4BC9B5L : crc >>> 1;
                TABLE[i] = crc;
            }
        }

        private long crc = -1L;

        @Override
        public void update(byte[] data, int offset, int length) {
            long c = crc;
            for (int i = offset; i < offset + length; i++) c = TABLE[(int) ((c ^ data[i]) & 0xff)] ^ (c >>> 8);
            crc = c;
        }

        @Override
        public byte[] digest() {
            long value = ~crc;
            byte[] out = new byte[8];
            for (int i = 0; i < 8; i++) out[i] = (byte) (value >>> (8 * (7 - i)));
            return out;
        }
    }
}
