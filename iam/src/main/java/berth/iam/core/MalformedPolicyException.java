package berth.iam.core;

/** A policy document IAM would refuse, with IAM's message ({@code Policy statement must contain actions.}). */
public final class MalformedPolicyException extends RuntimeException {
    public MalformedPolicyException(String message) {
        super(message, null, false, false);
    }
}
