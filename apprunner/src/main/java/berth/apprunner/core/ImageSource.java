package berth.apprunner.core;

import java.util.Map;

/**
 * What an App Runner service runs: an image (its identifier as given, e.g.
 * {@code 127.0.0.1:4566/web:latest}) and how to run it: the port it listens on, its environment,
 * secrets (name to Secrets Manager or Parameter Store ARN), an optional start command, and whether a
 * push to its ECR tag redeploys it.
 */
public record ImageSource(String imageIdentifier, String repositoryType, String port, Map<String, String> environment,
                          Map<String, String> secrets, String startCommand, boolean autoDeploy, String accessRoleArn) {
    public ImageSource {
        environment = environment == null ? Map.of() : Map.copyOf(environment);
        secrets = secrets == null ? Map.of() : Map.copyOf(secrets);
        startCommand = startCommand == null ? "" : startCommand;
        accessRoleArn = accessRoleArn == null ? "" : accessRoleArn;
        port = port == null || port.isEmpty() ? "8080" : port;
    }

    /** The repository name and tag of an ECR image identifier ({@code HOST/REPO:TAG}); empty when it names a digest. */
    public java.util.Optional<String[]> repositoryAndTag() {
        String id = imageIdentifier;
        int slash = id.indexOf('/');
        if (slash < 0 || id.contains("@")) return java.util.Optional.empty();
        String rest = id.substring(slash + 1);
        int colon = rest.lastIndexOf(':');
        if (colon < 0) return java.util.Optional.of(new String[] {rest, "latest"});
        return java.util.Optional.of(new String[] {rest.substring(0, colon), rest.substring(colon + 1)});
    }

    /** The image by digest: {@code HOST/REPO@DIGEST}. */
    public String byDigest(String digest) {
        String id = imageIdentifier;
        int at = id.indexOf('@');
        if (at >= 0) return id;
        int slash = id.indexOf('/');
        int colon = id.lastIndexOf(':');
        String base = colon > slash ? id.substring(0, colon) : id;
        return base + "@" + digest;
    }
}
