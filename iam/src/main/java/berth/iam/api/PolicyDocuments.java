package berth.iam.api;

import berth.iam.core.IamArns;
import berth.iam.core.MalformedPolicyException;
import berth.iam.core.PolicyDocument;
import berth.iam.core.PolicyParser;
import berth.iam.state.IamRecords;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Policy documents at the API boundary: validated on write, URL-encoded on read as IAM returns them. */
final class PolicyDocuments {
    static final int MANAGED_POLICY_MAX = 6144;
    static final int TRUST_POLICY_MAX = 2048;
    static final int ROLE_INLINE_TOTAL_MAX = 10240;
    static final int USER_INLINE_TOTAL_MAX = 2048;

    private PolicyDocuments() {}

    /** Parses and validates; {@code MalformedPolicyDocument} with IAM's message when IAM would refuse it. */
    static PolicyDocument validate(String text, PolicyParser.Kind kind) {
        try {
            return PolicyParser.parse(text, kind);
        } catch (MalformedPolicyException e) {
            throw IamErrors.MALFORMED_POLICY_DOCUMENT.exception(e.getMessage());
        }
    }

    /**
     * Validates a trust policy, including that the users and roles it names in its own account exist,
     * as IAM checks when it stores one.
     */
    static PolicyDocument validateTrust(String text, String accountId, IamRecords iam) {
        PolicyDocument document = validate(text, PolicyParser.Kind.TRUST);
        if (size(text) > TRUST_POLICY_MAX) {
            throw IamErrors.LIMIT_EXCEEDED.exception("Cannot exceed quota for ACLSizePerRole: " + TRUST_POLICY_MAX);
        }
        for (PolicyDocument.Statement statement : document.statements()) {
            for (String principal : statement.principals().aws()) {
                boolean exists = IamArns.parse(principal, "user").filter(n -> n.accountId().equals(accountId))
                        .map(n -> iam.user(accountId, n.name()).filter(u -> u.value().arn().equals(principal)).isPresent())
                        .orElse(true)
                        && IamArns.parse(principal, "role").filter(n -> n.accountId().equals(accountId))
                        .map(n -> iam.role(accountId, n.name()).filter(r -> r.value().arn().equals(principal)).isPresent())
                        .orElse(true);
                if (!exists) {
                    throw IamErrors.MALFORMED_POLICY_DOCUMENT.exception(PolicyParser.invalidPrincipal("AWS", principal));
                }
            }
        }
        return document;
    }

    /** The size IAM counts against its quotas: characters other than white space. */
    static int size(String text) {
        int size = 0;
        for (int i = 0; i < text.length(); i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                size++;
            }
        }
        return size;
    }

    /** A document as IAM returns it: URL-encoded (RFC 3986, {@code %20} for spaces). */
    static String encode(String document) {
        return URLEncoder.encode(document, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
