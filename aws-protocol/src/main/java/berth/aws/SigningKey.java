package berth.aws;

/**
 * The secret behind an access key id.
 *
 * @param sessionToken the session token temporary credentials must present; empty for long-term keys
 * @param expiresAtEpochMillis when temporary credentials stop working; {@code Long.MAX_VALUE} for long-term keys
 */
public record SigningKey(String accessKeyId, String secretAccessKey, String sessionToken, long expiresAtEpochMillis,
                         Identity identity) {}
