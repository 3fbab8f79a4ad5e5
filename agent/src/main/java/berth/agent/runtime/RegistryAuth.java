package berth.agent.runtime;

/**
 * Credentials for pulling from a private registry: ECS {@code repositoryCredentials}, or an ECR
 * authorization token decoded to user {@code AWS} and its password.
 *
 * @param serverAddress the registry host the credentials are for, e.g. {@code localhost:4566}
 */
public record RegistryAuth(String username, String password, String serverAddress) {

    @Override
    public String toString() {
        return "RegistryAuth[username=" + username + ", password=****, serverAddress=" + serverAddress + "]";
    }
}
