package berth.agent.docker;

import berth.agent.runtime.ImageRef;
import berth.agent.runtime.Runtime;
import berth.agent.runtime.RuntimeLinuxOptionsContract;
import berth.agent.testing.TestImages;

/** The Linux options part of the Runtime contract on the Docker Engine. */
class DockerRuntimeLinuxOptionsTest extends RuntimeLinuxOptionsContract {

    @Override
    protected Runtime runtime() {
        return DockerRuntime.connect();
    }

    @Override
    protected ImageRef busyboxImage() {
        return ImageRef.of(TestImages.ensureBusybox());
    }
}
