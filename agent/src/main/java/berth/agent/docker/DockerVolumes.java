package berth.agent.docker;

import berth.agent.runtime.RuntimeFailure;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Named volumes on a Docker Engine. */
final class DockerVolumes {

    private static final Logger LOG = LoggerFactory.getLogger(DockerVolumes.class);

    private final DockerClient client;
    private final DockerFailures failures;

    DockerVolumes(DockerClient client, DockerFailures failures) {
        this.client = client;
        this.failures = failures;
    }

    void ensure(String name, String driver, Map<String, String> driverOptions, Map<String, String> labels) {
        failures.run("ensure volume " + name, () -> {
            try {
                InspectVolumeResponse existing = client.inspectVolumeCmd(name).exec();
                if (!driver.equals(existing.getDriver())) {
                    throw new RuntimeFailure.Conflict("volume " + name + " exists with driver " + existing.getDriver()
                            + ", not " + driver, null);
                }
                return;
            } catch (NotFoundException absent) {
                LOG.debug("volume {} absent, creating it", name);
            }
            client.createVolumeCmd().withName(name).withDriver(driver).withDriverOpts(driverOptions)
                    .withLabels(labels).exec();
            LOG.info("volume {} created with driver {}", name, driver);
        });
    }

    boolean exists(String name) {
        return failures.call("inspect volume " + name, () -> {
            try {
                client.inspectVolumeCmd(name).exec();
                return true;
            } catch (NotFoundException absent) {
                return false;
            }
        });
    }

    java.util.List<String> list(java.util.List<String> labelFilters) {
        return failures.call("list volumes", () -> {
            var response = client.listVolumesCmd().withFilter("label", labelFilters).exec();
            return response.getVolumes() == null ? java.util.List.<String>of()
                    : response.getVolumes().stream().map(InspectVolumeResponse::getName).toList();
        });
    }

    void remove(String name) {
        failures.run("remove volume " + name, () -> {
            try {
                client.removeVolumeCmd(name).exec();
                LOG.info("volume {} removed", name);
            } catch (NotFoundException absent) {
                LOG.debug("volume {} already absent", name);
            }
        });
    }
}
