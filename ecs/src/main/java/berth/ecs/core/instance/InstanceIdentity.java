package berth.ecs.core.instance;

import java.util.Objects;

/**
 * What a container instance's identity document says about its host. berth's agent makes the
 * document up (there is no EC2 metadata service); an AWS one works the same. Empty strings where the
 * document says nothing. {@code endpointAddress} is where the control plane can reach the host's
 * agent (berth's own {@code endpoint} field, else the document's {@code privateIp}).
 */
public record InstanceIdentity(String ec2InstanceId, String region, String availabilityZone, String instanceType,
                               String architecture, String imageId, String endpointAddress) {
    public InstanceIdentity {
        Objects.requireNonNull(ec2InstanceId, "ec2InstanceId");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(availabilityZone, "availabilityZone");
        Objects.requireNonNull(instanceType, "instanceType");
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(imageId, "imageId");
        Objects.requireNonNull(endpointAddress, "endpointAddress");
    }
}
