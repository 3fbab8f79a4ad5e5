package berth.agent.runtime;

/**
 * Why the runtime could not do what it was asked. Each kind maps to one ECS outcome: an image that
 * cannot be pulled is {@code CannotPullContainerError}; a spec the engine refuses is
 * {@code CannotCreateContainerError}; an engine that does not answer keeps the instance's agent
 * disconnected.
 */
public abstract sealed class RuntimeFailure extends RuntimeException {

    private RuntimeFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /** The image is absent and pulling it failed: unknown repository or tag, denied, or unreachable registry. */
    public static final class ImagePullFailed extends RuntimeFailure {
        private final ImageRef image;

        public ImagePullFailed(ImageRef image, String reason, Throwable cause) {
            super("cannot pull image " + image + ": " + reason, cause);
            this.image = image;
        }

        public ImageRef image() {
            return image;
        }
    }

    /** No container, image, network or volume by that id or name. */
    public static final class NotFound extends RuntimeFailure {
        public NotFound(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * The request collides with existing state: a container name in use, a network or volume still in
     * use, an existing volume with another driver.
     */
    public static final class Conflict extends RuntimeFailure {
        public Conflict(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The engine refused the request as invalid, e.g. a memory limit below its minimum. */
    public static final class Rejected extends RuntimeFailure {
        public Rejected(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** No engine answers at the configured address. */
    public static final class EngineUnavailable extends RuntimeFailure {
        public EngineUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The engine answered with an error of its own, e.g. a process that cannot be executed at start. */
    public static final class EngineError extends RuntimeFailure {
        public EngineError(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
