package berth.agent.docker;

import berth.agent.runtime.RuntimeFailure;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.DockerException;
import java.io.IOException;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Translates docker-java's exceptions into the runtime's failures, once, by HTTP status. */
final class DockerFailures {

    private static final Pattern ENGINE_MESSAGE = Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final String endpoint;

    DockerFailures(String endpoint) {
        this.endpoint = endpoint;
    }

    /** Runs one engine request, translating its failure. */
    <T> T call(String action, Supplier<T> request) {
        try {
            return request.get();
        } catch (RuntimeException e) {
            throw translate(action, e);
        }
    }

    void run(String action, Runnable request) {
        call(action, () -> {
            request.run();
            return null;
        });
    }

    RuntimeFailure translate(String action, RuntimeException e) {
        if (e instanceof RuntimeFailure failure) {
            return failure;
        }
        if (e instanceof DockerException d) {
            String message = action + ": " + engineMessage(d);
            return switch (d.getHttpStatus()) {
                case 404 -> new RuntimeFailure.NotFound(message, d);
                // 403: the engine forbids removing a network with active endpoints or a predefined one
                case 403, 409 -> new RuntimeFailure.Conflict(message, d);
                case 400 -> new RuntimeFailure.Rejected(message, d);
                default -> new RuntimeFailure.EngineError(message, d);
            };
        }
        if (causedByIo(e)) {
            return unavailable(action, e);
        }
        if (e instanceof DockerClientException) {
            return new RuntimeFailure.EngineError(action + ": " + e.getMessage(), e);
        }
        return new RuntimeFailure.EngineError(action + ": " + e, e);
    }

    RuntimeFailure.EngineUnavailable unavailable(String action, Throwable cause) {
        return new RuntimeFailure.EngineUnavailable(action + ": no Docker engine answers at " + endpoint
                + " (" + rootMessage(cause) + "); start dockerd or set DOCKER_HOST", cause);
    }

    /** The engine's own message from an error body, or the whole exception message. */
    static String engineMessage(Throwable e) {
        String text = String.valueOf(e.getMessage());
        Matcher m = ENGINE_MESSAGE.matcher(text);
        return m.find() ? m.group(1).replace("\\\"", "\"") : text;
    }

    static boolean causedByIo(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
