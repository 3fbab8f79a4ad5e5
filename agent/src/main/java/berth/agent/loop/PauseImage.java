package berth.agent.loop;

import berth.agent.runtime.ImageRef;
import berth.agent.runtime.Runtime;
import java.io.ByteArrayInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The image of the container that holds an awsvpc task's network namespace. No registry and no host
 * package is needed: when the engine lacks it, it is imported ({@code docker import}) from a root
 * filesystem holding only berth's own {@link PauseProgram} for the engine's architecture.
 */
final class PauseImage {

    private static final Logger LOG = LoggerFactory.getLogger(PauseImage.class);

    private PauseImage() {}

    static synchronized void ensure(Runtime runtime, ImageRef image) {
        if (runtime.inspectImage(image).isPresent()) {
            return;
        }
        String architecture = runtime.info().architecture();
        byte[] program = PauseProgram.forArchitecture(architecture).orElseThrow(() -> new IllegalStateException(
                "berth has no awsvpc pause program for the engine's architecture " + architecture));
        runtime.importImage(image, new ByteArrayInputStream(PauseProgram.rootFilesystem(program)));
        LOG.info("built the awsvpc pause image {} for {}", image, architecture);
    }
}
