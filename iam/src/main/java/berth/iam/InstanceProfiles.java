package berth.iam;

import java.util.List;
import java.util.Optional;

/**
 * The instance profiles of IAM, for the modules that launch instances with one: which role an
 * instance profile holds, so the instance's credentials can be issued for that role (with
 * {@link RoleCredentialsIssuer}, service principal {@code ec2.amazonaws.com}). Published by the IAM
 * module; look it up with {@code platform.lookup(InstanceProfiles.class)}.
 */
public interface InstanceProfiles {

    /**
     * The instance profile of {@code accountId} that {@code nameOrArn} names: a name, or an ARN
     * {@code arn:aws:iam::ACCOUNT:instance-profile/PATH/NAME} of that account with the profile's
     * path; empty when there is no such profile.
     */
    Optional<Profile> find(String accountId, String nameOrArn);

    /**
     * @param arn {@code arn:aws:iam::ACCOUNT:instance-profile/PATH/NAME}
     * @param instanceProfileId {@code AIPA…}
     * @param roleArns the ARNs of the roles it holds: none or one
     */
    record Profile(String arn, String name, String instanceProfileId, List<String> roleArns) {
        public Profile {
            roleArns = List.copyOf(roleArns);
        }
    }
}
