package berth.registry.core;

import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A content digest, {@code algorithm:hex}, as OCI descriptors carry them. berth verifies content
 * against {@code sha256} and {@code sha512}; other well-formed algorithms are refused as unsupported.
 */
public record Digest(String algorithm, String hex) implements Comparable<Digest> {
    private static final Pattern GRAMMAR = Pattern.compile("[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+");
    private static final Pattern SHA256 = Pattern.compile("[a-f0-9]{64}");
    private static final Pattern SHA512 = Pattern.compile("[a-f0-9]{128}");

    public Digest {
        if (!"sha256".equals(algorithm) && !"sha512".equals(algorithm)) {
            throw new IllegalArgumentException("unsupported digest algorithm " + algorithm);
        }
        if (!(algorithm.equals("sha256") ? SHA256 : SHA512).matcher(hex).matches()) {
            throw new IllegalArgumentException("malformed " + algorithm + " digest");
        }
    }

    /** The digest named by {@code text}; empty when it is malformed or of an algorithm berth cannot verify. */
    public static Optional<Digest> parse(String text) {
        if (text == null || text.length() > 200 || !GRAMMAR.matcher(text).matches()) return Optional.empty();
        int colon = text.indexOf(':');
        String algorithm = text.substring(0, colon);
        String hex = text.substring(colon + 1);
        if (algorithm.equals("sha256") && SHA256.matcher(hex).matches()
                || algorithm.equals("sha512") && SHA512.matcher(hex).matches()) {
            return Optional.of(new Digest(algorithm, hex));
        }
        return Optional.empty();
    }

    /** Whether {@code text} looks like a digest at all (as opposed to a tag), supported or not. */
    public static boolean looksLikeDigest(String text) {
        return text != null && text.indexOf(':') > 0;
    }

    public static Digest sha256(byte[] hash) {
        return new Digest("sha256", HexFormat.of().formatHex(hash));
    }

    public static Digest of(String algorithm, byte[] hash) {
        return new Digest(algorithm, HexFormat.of().formatHex(hash));
    }

    /** The JCA name of the hash function, e.g. {@code SHA-256}. */
    public String jcaName() {
        return algorithm.equals("sha256") ? "SHA-256" : "SHA-512";
    }

    @Override
    public int compareTo(Digest other) {
        return toString().compareTo(other.toString());
    }

    @Override
    public String toString() {
        return algorithm + ":" + hex;
    }
}
