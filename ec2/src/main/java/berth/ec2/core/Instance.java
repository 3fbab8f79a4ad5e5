package berth.ec2.core;

import berth.aws.Scope;
import java.time.Instant;
import java.util.List;

/**
 * An EC2 instance: what it was launched with, where (its subnet, zone and address), its state, and
 * what its machine needs: the host that runs its agent process ({@code hostId}) and the secret path
 * of its instance metadata service ({@code metadataSecret}, never shown by the API).
 *
 * @param stateReasonCode    EC2's {@code StateReason} code, e.g. {@code Client.UserInitiatedShutdown}; empty for none
 * @param launchTemplateId   the template it was launched from, with the version number; empty for none
 */
public record Instance(String accountId, String region, String id, String reservationId, String imageId,
                       String instanceType, String architecture, String keyName, String subnetId, String vpcId,
                       String availabilityZone, String privateIp, String publicIp, List<String> securityGroupIds,
                       String instanceProfileArn, String instanceProfileId, String userData, String launchTemplateId,
                       String launchTemplateVersion, String clientToken, int launchIndex, InstanceState state,
                       String stateReasonCode, String stateReasonMessage, String stateTransitionReason, Instant launchTime,
                       Instant stateChangedAt, String httpTokens, String httpEndpoint, String metadataSecret,
                       String hostId, List<Tag> tags) {
    public Instance {
        securityGroupIds = List.copyOf(securityGroupIds);
        tags = List.copyOf(tags);
    }

    public Scope scope() {
        return new Scope(accountId, region);
    }

    public String arn() {
        return scope().arn("ec2", "instance/" + id);
    }

    /** The state after {@code next} at {@code now}, with EC2's reason for it (empty strings for none). */
    public Instance inState(InstanceState next, String reasonCode, String reasonMessage, String transitionReason, Instant now) {
        return new Instance(accountId, region, id, reservationId, imageId, instanceType, architecture, keyName, subnetId, vpcId,
                availabilityZone, privateIp, publicIp, securityGroupIds, instanceProfileArn, instanceProfileId, userData,
                launchTemplateId, launchTemplateVersion, clientToken, launchIndex, next, reasonCode, reasonMessage,
                transitionReason, next == InstanceState.PENDING ? now : launchTime, now, httpTokens, httpEndpoint,
                metadataSecret, hostId, tags);
    }

    public Instance withTags(List<Tag> changed) {
        return new Instance(accountId, region, id, reservationId, imageId, instanceType, architecture, keyName, subnetId, vpcId,
                availabilityZone, privateIp, publicIp, securityGroupIds, instanceProfileArn, instanceProfileId, userData,
                launchTemplateId, launchTemplateVersion, clientToken, launchIndex, state, stateReasonCode, stateReasonMessage,
                stateTransitionReason, launchTime, stateChangedAt, httpTokens, httpEndpoint, metadataSecret, hostId, changed);
    }

    public boolean hasInstanceProfile() {
        return !instanceProfileArn.isEmpty();
    }
}
