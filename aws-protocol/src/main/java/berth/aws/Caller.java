package berth.aws;

/**
 * Who signed a request and where it is aimed, resolved from a verified SigV4 signature.
 * Account and region scope every resource the request touches.
 *
 * @param service the signing name from the credential scope (e.g. {@code ecs}, {@code sts})
 */
public record Caller(Identity identity, String accessKeyId, String region, String service) {
    public String accountId() {
        return identity.accountId();
    }

    /** The account that signed and the region the request names: where it acts. */
    public Scope scope() {
        return new Scope(identity.accountId(), region);
    }
}
