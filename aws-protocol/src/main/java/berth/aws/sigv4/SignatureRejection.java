package berth.aws.sigv4;

/** A signature check that failed, with the message AWS would give; turned into a result by {@link SigV4Verifier}. */
final class SignatureRejection extends RuntimeException {
    private final SignatureFailure failure;

    SignatureRejection(SignatureFailure failure, String message) {
        super(message, null, false, false);
        this.failure = failure;
    }

    SignatureFailure failure() {
        return failure;
    }
}
