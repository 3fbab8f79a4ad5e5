package berth.ecs.core.task;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The elastic network interface an awsvpc task gets: attachment {@code id} (a UUID), the interface id
 * ({@code eni-} and 17 hex digits), the subnet it was asked for, and the MAC and private address the
 * agent reports once the task's network exists (empty until then).
 */
public record NetworkInterfaceAttachment(String id, AttachmentStatus status, String subnetId,
                                         String networkInterfaceId, String macAddress, String privateIpv4Address) {
    public static final String TYPE = "ElasticNetworkInterface";

    public NetworkInterfaceAttachment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(subnetId, "subnetId");
        Objects.requireNonNull(networkInterfaceId, "networkInterfaceId");
        Objects.requireNonNull(macAddress, "macAddress");
        Objects.requireNonNull(privateIpv4Address, "privateIpv4Address");
    }

    /** This attachment moved on to {@code next}; a status never goes back. */
    public NetworkInterfaceAttachment withStatus(AttachmentStatus next) {
        return status.mayMoveTo(next) ? new NetworkInterfaceAttachment(id, next, subnetId, networkInterfaceId,
                macAddress, privateIpv4Address) : this;
    }

    /** This attachment with the address the agent found; an attaching interface with an address is ATTACHED. */
    public NetworkInterfaceAttachment withAddress(String mac, String address) {
        AttachmentStatus next = address.isEmpty() || !status.mayMoveTo(AttachmentStatus.ATTACHED) ? status
                : AttachmentStatus.ATTACHED;
        return new NetworkInterfaceAttachment(id, next, subnetId, networkInterfaceId, mac.isEmpty() ? macAddress : mac,
                address.isEmpty() ? privateIpv4Address : address);
    }

    /** The {@code details} ECS lists for the attachment, in ECS's order; unknown values are left out. */
    public Map<String, String> details(String region) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("subnetId", subnetId);
        details.put("networkInterfaceId", networkInterfaceId);
        if (!macAddress.isEmpty()) details.put("macAddress", macAddress);
        if (!privateIpv4Address.isEmpty()) {
            details.put("privateDnsName", privateDnsName(region, privateIpv4Address));
            details.put("privateIPv4Address", privateIpv4Address);
        }
        return details;
    }

    /** EC2's private DNS name of an address: {@code ip-10-0-1-5.ec2.internal} in us-east-1, else {@code .REGION.compute.internal}. */
    public static String privateDnsName(String region, String address) {
        String host = "ip-" + address.replace('.', '-');
        return "us-east-1".equals(region) ? host + ".ec2.internal" : host + "." + region + ".compute.internal";
    }
}
