package berth.iam.api;

import berth.iam.core.Role;
import berth.iam.core.User;
import berth.iam.state.IamRecords;

import java.util.List;

/**
 * How one account uses managed policies: which of its roles and users have each attached, and which
 * have it as their permissions boundary. Read once per request from the account's roles and users.
 */
final class PolicyUsage {
    private final List<Role> roles;
    private final List<User> users;

    private PolicyUsage(List<Role> roles, List<User> users) {
        this.roles = roles;
        this.users = users;
    }

    static PolicyUsage of(IamRecords iam, String accountId) {
        return new PolicyUsage(iam.roles(accountId), iam.users(accountId));
    }

    int attachments(String policyArn) {
        return rolesAttaching(policyArn).size() + usersAttaching(policyArn).size();
    }

    int boundaryUses(String policyArn) {
        return rolesBoundedBy(policyArn).size() + usersBoundedBy(policyArn).size();
    }

    /** Whether anything still refers to the policy, so DeletePolicy must refuse. */
    boolean used(String policyArn) {
        return attachments(policyArn) > 0 || boundaryUses(policyArn) > 0;
    }

    /** In name order, as the roles are stored. */
    List<Role> rolesAttaching(String policyArn) {
        return roles.stream().filter(r -> r.attachedPolicyArns().contains(policyArn)).toList();
    }

    List<User> usersAttaching(String policyArn) {
        return users.stream().filter(u -> u.attachedPolicyArns().contains(policyArn)).toList();
    }

    List<Role> rolesBoundedBy(String policyArn) {
        return roles.stream().filter(r -> r.permissionsBoundaryArn().equals(policyArn)).toList();
    }

    List<User> usersBoundedBy(String policyArn) {
        return users.stream().filter(u -> u.permissionsBoundaryArn().equals(policyArn)).toList();
    }
}
