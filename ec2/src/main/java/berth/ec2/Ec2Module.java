package berth.ec2;

import berth.agent.docker.DockerRuntime;
import berth.ec2.api.Ec2Service;
import berth.ec2.core.EcsOptimizedImages;
import berth.ec2.core.Image;
import berth.ec2.machines.MachineLoop;
import berth.ec2.machines.MetadataService;
import berth.ec2.state.Ec2Records;
import berth.ec2.state.RandomIds;
import berth.iam.InstanceProfiles;
import berth.iam.RoleCredentialsIssuer;
import berth.platform.Platform;
import berth.platform.PlatformModule;
import berth.secrets.PublicParameters;
import java.time.Duration;
import java.util.List;

/**
 * EC2: networks, security groups, key pairs, ECS-optimized images (and their public SSM
 * parameters), launch templates and instances, each instance a berth agent of this host with its
 * type's CPU and memory, joining the cluster its user data names ({@link MachineLoop}), with its
 * instance metadata service ({@link MetadataService}). Terminated instances are described for
 * {@code BERTH_EC2_TERMINATED_RETENTION_SECONDS} (default 3600), as EC2 keeps them for about an hour.
 */
public final class Ec2Module implements PlatformModule {
    private MachineLoop machines;
    private DockerRuntime runtime;

    @Override
    public String name() {
        return "ec2";
    }

    @Override
    public int order() {
        return 120;
    }

    @Override
    public List<String> storeKindPrefixes() {
        return List.of(Ec2Records.KIND_PREFIX);
    }

    @Override
    public void start(Platform platform) {
        Ec2Records records = new Ec2Records(platform.store(), new RandomIds(), platform.clock());
        String hostId = "berth-" + Integer.toHexString(platform.home().toAbsolutePath().toString().hashCode());
        var profiles = platform.lookup(InstanceProfiles.class);
        platform.addAwsService(new Ec2Service(records, profiles, hostId, platform.clock()));
        platform.addHttpService(MetadataService.PREFIX, new MetadataService(records, profiles,
                platform.lookup(RoleCredentialsIssuer.class), platform.clock()));
        platform.lookup(PublicParameters.class).ifPresent(parameters -> {
            for (Image image : EcsOptimizedImages.of(platform.defaultRegion())) {
                EcsOptimizedImages.parameters(image).forEach((name, ignored) -> parameters.define(new PublicParameters.Definition(
                        name, name.equals(image.ssmPath()) ? "text" : "text", region -> EcsOptimizedImages.of(region).stream()
                        .filter(i -> i.ssmPath().equals(image.ssmPath())).findFirst()
                        .map(i -> EcsOptimizedImages.parameters(i).get(name)).orElse(""))));
                parameters.define(new PublicParameters.Definition(image.ssmPath() + "/image_id", "aws:ec2:image",
                        region -> EcsOptimizedImages.of(region).stream().filter(i -> i.ssmPath().equals(image.ssmPath()))
                                .findFirst().map(Image::id).orElse("")));
            }
        });
        runtime = DockerRuntime.connect();
        machines = new MachineLoop(records, platform, runtime, hostId, retention());
        machines.start();
    }

    private static Duration retention() {
        String configured = System.getenv("BERTH_EC2_TERMINATED_RETENTION_SECONDS");
        try {
            return Duration.ofSeconds(configured == null ? 3600 : Math.max(0, Long.parseLong(configured.strip())));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(3600);
        }
    }

    @Override
    public void reset() {
        if (machines != null) machines.closeAgents();
    }

    @Override
    public void stop() {
        if (machines != null) machines.close();
        if (runtime != null) runtime.close();
    }
}
