package berth.iam.core;

import java.util.List;

/**
 * Who asks to assume a role, as a trust policy's {@code Principal} element sees it.
 *
 * @param accountId the caller's account; empty for a service principal
 * @param arns the ARNs the caller is known by: the account root, a user ARN, or for a role session
 *     both the role ARN and the assumed-role session ARN
 * @param service the service principal ({@code ecs-tasks.amazonaws.com}); empty for AWS principals
 */
public record CallingPrincipal(String accountId, List<String> arns, String service) {
    public CallingPrincipal {
        arns = List.copyOf(arns);
    }

    public static CallingPrincipal accountRoot(String accountId) {
        return new CallingPrincipal(accountId, List.of(IamArns.root(accountId)), "");
    }

    public static CallingPrincipal user(String accountId, String userArn) {
        return new CallingPrincipal(accountId, List.of(userArn), "");
    }

    public static CallingPrincipal roleSession(String accountId, String roleArn, String sessionArn) {
        return new CallingPrincipal(accountId, List.of(roleArn, sessionArn), "");
    }

    public static CallingPrincipal service(String service) {
        return new CallingPrincipal("", List.of(), service);
    }

    public boolean isService() {
        return !service.isEmpty();
    }

    /** The ARN AWS names the caller by in an access-denied message. */
    public String displayArn() {
        return isService() ? service : arns.get(arns.size() - 1);
    }
}
