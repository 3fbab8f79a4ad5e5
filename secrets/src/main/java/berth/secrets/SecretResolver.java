package berth.secrets;

/**
 * Resolves the {@code secrets[].valueFrom} of an ECS container definition to the value the container
 * gets, the way the ECS agent does, in the task's account and region:
 *
 * <ul>
 *   <li>a Secrets Manager ARN, full or partial (without the six-character suffix):
 *       {@code arn:aws:secretsmanager:region:account:secret:NAME}; optionally followed by
 *       {@code :json-key:version-stage:version-id} (each part may be empty) to pick one key of a
 *       JSON secret and a version other than {@code AWSCURRENT};</li>
 *   <li>an SSM parameter ARN, {@code arn:aws:ssm:region:account:parameter/NAME}, or a parameter name
 *       (in the task's region); SecureStrings are decrypted.</li>
 * </ul>
 *
 * Published by the secrets module through {@code Platform.publish}; look it up with
 * {@code platform.lookup(SecretResolver.class)}.
 */
public interface SecretResolver {

    /** @param valueFrom a container definition's {@code secrets[].valueFrom} */
    Resolution resolve(String accountId, String region, String valueFrom);

    /** The value, or why there is none. */
    sealed interface Resolution permits Resolved, Failed {}

    record Resolved(String value) implements Resolution {}

    /**
     * Why a secret could not be resolved.
     *
     * @param valueFrom the reference as the container definition gave it
     * @param detail the part of ECS's stopped reason that names the cause, e.g.
     *     {@code retrieved secret from Secrets Manager did not contain json key password}
     */
    record Failed(Reason reason, String valueFrom, String detail) implements Resolution {
        static final String PREFIX = "ResourceInitializationError: unable to pull secrets or registry auth: "
                + "execution resource retrieval failed: ";

        /** The task's stopped reason, worded as ECS words it. */
        public String stoppedReason() {
            return PREFIX + (reason.fromParameterStore()
                    ? "unable to retrieve secrets from ssm: service call has been retried 1 time(s): " + detail
                    : "unable to retrieve secret from asm: service call has been retried 1 time(s): " + detail);
        }
    }

    /** The kinds of failure, so the task code can act on them without reading messages. */
    enum Reason {
        /** No secret of that name or ARN in the account and region. */
        SECRET_NOT_FOUND,
        /** The secret is scheduled for deletion. */
        SECRET_MARKED_FOR_DELETION,
        /** The secret has no version with the requested staging label or id. */
        SECRET_VERSION_NOT_FOUND,
        /** The selected version holds a binary value; containers get only string values. */
        SECRET_NOT_A_STRING,
        /** A JSON key was asked for but the value is not a JSON object. */
        SECRET_NOT_JSON,
        /** The JSON object has no such key. */
        JSON_KEY_NOT_FOUND,
        /** No parameter of that name or ARN (or no such version). */
        PARAMETER_NOT_FOUND,
        /** The reference is not a Secrets Manager ARN, an SSM ARN or a parameter name. */
        INVALID_REFERENCE;

        boolean fromParameterStore() {
            return this == PARAMETER_NOT_FOUND;
        }
    }
}
