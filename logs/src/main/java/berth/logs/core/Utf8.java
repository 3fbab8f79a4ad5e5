package berth.logs.core;

/** UTF-8 sizes without encoding: batch limits count message bytes, and most batches are within them. */
public final class Utf8 {
    private Utf8() {}

    /** The number of bytes {@code text} takes in UTF-8 as Java encodes it (an unpaired surrogate becomes one {@code ?}). */
    public static int length(String text) {
        int bytes = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                bytes += 1;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
