package berth.agentwire;

import java.time.Instant;

/**
 * Temporary credentials of a role a task acts as, handed to the task's agent in its
 * {@link AssignedTask}: the agent serves them to the task's containers at
 * {@code http://169.254.170.2/v2/credentials/<credentialsId>}.
 *
 * @param credentialsId unguessable, one per task and role, stable across refreshes and control-plane
 *     restarts; empty in {@link #NONE}
 * @param roleArn the role's ARN
 * @param expiration when the credentials stop working; the control plane hands out fresh ones well before
 * @param authorizationToken unguessable, stable like {@code credentialsId}: what a caller must send as its
 *     {@code Authorization} header where its source address cannot tell its task (host-network tasks get
 *     {@code AWS_CONTAINER_CREDENTIALS_FULL_URI} and {@code AWS_CONTAINER_AUTHORIZATION_TOKEN})
 */
public record RoleCredentials(String credentialsId, String roleArn, String accessKeyId, String secretAccessKey,
                              String sessionToken, Instant expiration, String authorizationToken) {
    /** No role: what an assignment carries for a task definition that names none. */
    public static final RoleCredentials NONE = new RoleCredentials("", "", "", "", "", Instant.EPOCH, "");

    public RoleCredentials {
        credentialsId = WireValues.text(credentialsId);
        roleArn = WireValues.text(roleArn);
        accessKeyId = WireValues.text(accessKeyId);
        secretAccessKey = WireValues.text(secretAccessKey);
        sessionToken = WireValues.text(sessionToken);
        expiration = expiration == null ? Instant.EPOCH : expiration;
        authorizationToken = WireValues.text(authorizationToken);
    }

    public boolean present() {
        return !credentialsId.isEmpty();
    }
}
