package berth.iam.core;

import java.util.random.RandomGenerator;

/**
 * The unique identifiers IAM and STS issue: {@code AROA…} role ids, {@code AIDA…} user ids,
 * {@code ANPA…} policy ids and {@code AIPA…} instance profile ids (21 characters), {@code AKIA…}
 * access key ids and {@code ASIA…} temporary key ids (20 characters), 40-character secrets and
 * session tokens.
 */
public final class IamIds {
    private static final String UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String SECRET_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private final RandomGenerator random;

    /** @param random a cryptographically strong generator in production ({@link java.security.SecureRandom}) */
    public IamIds(RandomGenerator random) {
        this.random = random;
    }

    public String roleId() {
        return "AROA" + draw(UPPER_ALNUM, 17);
    }

    public String userId() {
        return "AIDA" + draw(UPPER_ALNUM, 17);
    }

    public String policyId() {
        return "ANPA" + draw(UPPER_ALNUM, 17);
    }

    public String instanceProfileId() {
        return "AIPA" + draw(UPPER_ALNUM, 17);
    }

    public String accessKeyId() {
        return "AKIA" + draw(UPPER_ALNUM, 16);
    }

    public String temporaryAccessKeyId() {
        return "ASIA" + draw(UPPER_ALNUM, 16);
    }

    public String secretAccessKey() {
        return draw(SECRET_CHARS, 40);
    }

    public String sessionToken() {
        return "IQoJb3JpZ2luX2Vj" + draw(SECRET_CHARS, 240);
    }

    private String draw(String alphabet, int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = alphabet.charAt(random.nextInt(alphabet.length()));
        }
        return new String(out);
    }
}
