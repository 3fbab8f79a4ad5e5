package berth.agent.runtime;

import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * What every part of the {@link Runtime} contract does around its tests: connect once (failing
 * clearly when no engine answers), make sure the busybox image is there, remove each test's
 * containers after it, and clean up and close the runtime at the end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class RuntimeContractLifecycle {

    protected Runtime runtime;
    protected TestRun run;

    /** The runtime under test, connected; closed after the contract when it is {@link AutoCloseable}. */
    protected abstract Runtime runtime();

    /** A local image with busybox's applets in {@code /bin}, built after the engine answered. */
    protected abstract ImageRef busyboxImage();

    @BeforeAll
    final void connect() {
        runtime = runtime();
        try {
            runtime.info();
        } catch (RuntimeFailure.EngineUnavailable e) {
            throw new AssertionError("The Runtime contract needs a running container engine: " + e.getMessage(), e);
        }
        ImageRef image = busyboxImage();
        runtime.ensureImage(image, Optional.empty());
        run = new TestRun(runtime, image);
    }

    @AfterEach
    final void removeContainers() {
        run.removeContainers();
    }

    @AfterAll
    final void cleanUp() throws Exception {
        try {
            if (run != null) {
                run.cleanUp();
            }
        } finally {
            if (runtime instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }
}
