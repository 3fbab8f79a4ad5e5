package berth.apprunner.core;

import java.util.Map;

/**
 * A service built from source code: a git repository (a local path or {@code file://} URL) at a
 * branch, the directory in it to build, and how: {@code API} builds on the runtime's base image with
 * the build command and starts with the start command; {@code REPOSITORY} builds the directory's
 * own Dockerfile.
 */
public record CodeSource(String repositoryUrl, String branch, String sourceDirectory, String configurationSource,
                         String runtime, String buildCommand, String startCommand) {
    public CodeSource {
        sourceDirectory = sourceDirectory == null || sourceDirectory.isEmpty() ? "/" : sourceDirectory;
        runtime = runtime == null ? "" : runtime;
        buildCommand = buildCommand == null ? "" : buildCommand;
        startCommand = startCommand == null ? "" : startCommand;
    }

    /** The Dockerfile of an {@code API} build: the runtime's base, the code in /app, built, started. */
    public String dockerfile(String baseImage, String port, Map<String, String> environment) {
        StringBuilder b = new StringBuilder("FROM ").append(baseImage).append('\n')
                .append("WORKDIR /app\nCOPY . /app\n");
        environment.forEach((k, v) -> b.append("ENV ").append(k).append('=').append(quote(v)).append('\n'));
        b.append("ENV PORT=").append(port).append('\n');
        if (!buildCommand.isEmpty()) b.append("RUN ").append(buildCommand).append('\n');
        b.append("CMD [\"sh\", \"-c\", ").append(quote(startCommand)).append("]\n");
        return b.toString();
    }

    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
