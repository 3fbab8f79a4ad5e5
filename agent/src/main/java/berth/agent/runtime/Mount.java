package berth.agent.runtime;

/** A filesystem mounted into a container: ECS {@code mountPoints} and {@code linuxParameters.tmpfs}. */
public sealed interface Mount {

    /** The absolute path inside the container. */
    String containerPath();

    /**
     * A host directory (ECS {@code host.sourcePath}); the engine creates it when missing, as
     * {@code docker run -v} does.
     */
    record Bind(String hostPath, String containerPath, boolean readOnly) implements Mount {
        public Bind {
            requireAbsolute(hostPath);
            requireAbsolute(containerPath);
        }
    }

    /**
     * A named volume (ECS {@code dockerVolumeConfiguration}); the engine creates it with the
     * default driver when missing.
     */
    record Volume(String volumeName, String containerPath, boolean readOnly) implements Mount {
        public Volume {
            if (volumeName.isBlank()) {
                throw new IllegalArgumentException("volume name is blank");
            }
            requireAbsolute(containerPath);
        }
    }

    /** A memory-backed filesystem of at most {@code sizeMiB} MiB. */
    record Tmpfs(String containerPath, int sizeMiB) implements Mount {
        public Tmpfs {
            requireAbsolute(containerPath);
            if (sizeMiB < 1) {
                throw new IllegalArgumentException("tmpfs size must be at least 1 MiB: " + sizeMiB);
            }
        }
    }

    private static void requireAbsolute(String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("mount path must be absolute: '" + path + "'");
        }
    }
}
