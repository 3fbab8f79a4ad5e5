package berth.agent.docker;

import berth.agent.runtime.ImageRef;
import berth.agent.runtime.Runtime;
import berth.agent.runtime.RuntimeImportsVolumesAndLogsContract;
import berth.agent.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;

/** The import, volume, log-following and address parts of the Runtime contract on the Docker Engine. */
class DockerRuntimeImportsVolumesAndLogsTest extends RuntimeImportsVolumesAndLogsContract {

    @Override
    protected Runtime runtime() {
        return DockerRuntime.connect();
    }

    @Override
    protected ImageRef busyboxImage() {
        return ImageRef.of(TestImages.ensureBusybox());
    }

    @Override
    protected Path staticBusybox() {
        Path busybox = Path.of("/bin/busybox");
        if (!Files.isExecutable(busybox)) {
            throw new AssertionError("this test needs busybox-static at /bin/busybox (apt-get install busybox-static)");
        }
        return busybox;
    }
}
