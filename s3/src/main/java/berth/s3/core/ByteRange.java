package berth.s3.core;

import java.util.Optional;

/**
 * A {@code Range: bytes=…} request resolved against an object's size: {@code first} to {@code last}
 * inclusive. Only the first range of a list is served, as S3 does.
 */
public record ByteRange(long first, long last) {

    public long length() {
        return last - first + 1;
    }

    public String contentRange(long size) {
        return "bytes " + first + "-" + last + "/" + size;
    }

    /** What a Range header asks of an object of {@code size} bytes. */
    public sealed interface Requested {}

    /** No usable range: the whole object (also for headers S3 ignores, such as other units). */
    public record Whole() implements Requested {}

    public record Part(ByteRange range) implements Requested {}

    /** The range starts at or beyond the end: 416. */
    public record Unsatisfiable() implements Requested {}

    public static Requested parse(String header, long size) {
        if (header == null || header.isBlank()) return new Whole();
        String value = header.strip();
        if (!value.startsWith("bytes=")) return new Whole();
        String spec = value.substring(6).split(",")[0].strip();
        int dash = spec.indexOf('-');
        if (dash < 0) return new Whole();
        Optional<Long> start = number(spec.substring(0, dash));
        Optional<Long> end = number(spec.substring(dash + 1));
        if (start.isEmpty() && end.isEmpty()) return new Whole();
        if (start.isEmpty()) {
            long suffix = end.get();
            if (suffix == 0 || size == 0) return new Unsatisfiable();
            return new Part(new ByteRange(Math.max(0, size - suffix), size - 1));
        }
        if (end.isPresent() && end.get() < start.get()) return new Whole();
        if (start.get() >= size) return new Unsatisfiable();
        long last = end.map(e -> Math.min(e, size - 1)).orElse(size - 1);
        return new Part(new ByteRange(start.get(), last));
    }

    private static Optional<Long> number(String text) {
        String t = text.strip();
        if (t.isEmpty() || !t.chars().allMatch(Character::isDigit) || t.length() > 18) return Optional.empty();
        return Optional.of(Long.parseLong(t));
    }
}
