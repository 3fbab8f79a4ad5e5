package berth.iam.core;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Stream;

import static berth.iam.core.Policies.set;
import static berth.iam.core.Policies.statements;
import static org.assertj.core.api.Assertions.assertThat;

class PolicyEvaluatorTest {
    private static final RequestContextKeys US_EAST_1 = RequestContextKeys.builder()
            .put("aws:RequestedRegion", "us-east-1").put("aws:username", "alice")
            .put("aws:PrincipalArn", "arn:aws:iam::111122223333:user/alice").build();
    private static final RequestContextKeys EU_WEST_1 = US_EAST_1.with("aws:RequestedRegion", "eu-west-1");

    private static final String ALLOW_ALL = "{'Effect':'Allow','Action':'*','Resource':'*'}";
    private static final String ALLOW_ECS = "{'Effect':'Allow','Action':'ecs:*','Resource':'*'}";
    private static final String DENY_DELETE = "{'Effect':'Deny','Action':'ecs:Delete*','Resource':'*'}";

    record Case(String name, PolicySet policies, String action, String resource, RequestContextKeys context,
                Decision expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        Decision allowed = Decision.ALLOWED;
        Decision noAllow = new Decision.Denied(Decision.Reason.NO_IDENTITY_ALLOW);
        Decision explicitDeny = new Decision.Denied(Decision.Reason.EXPLICIT_DENY_IDENTITY);
        return Stream.of(
                new Case("no policies: implicit deny", set(), "ecs:ListClusters", "*", US_EAST_1, noAllow),
                new Case("Action * allows anything", set(statements(ALLOW_ALL)), "ecs:ListClusters", "*", US_EAST_1, allowed),
                new Case("service wildcard", set(statements(ALLOW_ECS)), "ecs:DescribeClusters", "*", US_EAST_1, allowed),
                new Case("service wildcard does not reach other services", set(statements(ALLOW_ECS)), "ecr:ListImages", "*",
                        US_EAST_1, noAllow),
                new Case("actions match case-insensitively", set(statements(
                        "{'Effect':'Allow','Action':'ECS:listclusters','Resource':'*'}")), "ecs:ListClusters", "*", US_EAST_1,
                        allowed),
                new Case("? matches one character", set(statements(
                        "{'Effect':'Allow','Action':'ecs:List?lusters','Resource':'*'}")), "ecs:ListClusters", "*", US_EAST_1,
                        allowed),
                new Case("? does not match two", set(statements(
                        "{'Effect':'Allow','Action':'ecs:List?usters','Resource':'*'}")), "ecs:ListClusters", "*", US_EAST_1,
                        noAllow),
                new Case("explicit deny wins over allow", set(statements(ALLOW_ALL, DENY_DELETE)), "ecs:DeleteCluster",
                        "*", US_EAST_1, explicitDeny),
                new Case("deny in another policy still wins", set(statements(ALLOW_ALL), statements(DENY_DELETE)),
                        "ecs:DeleteService", "*", US_EAST_1, explicitDeny),
                new Case("deny of other actions leaves allow", set(statements(ALLOW_ALL, DENY_DELETE)), "ecs:ListClusters",
                        "*", US_EAST_1, allowed),
                new Case("NotAction allows everything but", set(statements(
                        "{'Effect':'Allow','NotAction':'iam:*','Resource':'*'}")), "ecs:ListClusters", "*", US_EAST_1, allowed),
                new Case("NotAction excludes its actions", set(statements(
                        "{'Effect':'Allow','NotAction':['iam:*','sts:*'],'Resource':'*'}")), "iam:CreateUser", "*", US_EAST_1,
                        noAllow),
                new Case("Deny with NotAction denies the rest", set(statements(ALLOW_ALL,
                        "{'Effect':'Deny','NotAction':'ecs:Describe*','Resource':'*'}")), "ecs:CreateCluster", "*", US_EAST_1,
                        explicitDeny),
                new Case("resource wildcard in name", set(statements(
                        "{'Effect':'Allow','Action':'ecs:DescribeClusters','Resource':'arn:aws:ecs:*:111122223333:cluster/prod-*'}")),
                        "ecs:DescribeClusters", "arn:aws:ecs:us-east-1:111122223333:cluster/prod-web", US_EAST_1, allowed),
                new Case("resource of another cluster", set(statements(
                        "{'Effect':'Allow','Action':'ecs:DescribeClusters','Resource':'arn:aws:ecs:*:111122223333:cluster/prod-*'}")),
                        "ecs:DescribeClusters", "arn:aws:ecs:us-east-1:111122223333:cluster/dev-web", US_EAST_1, noAllow),
                new Case("resources are case-sensitive", set(statements(
                        "{'Effect':'Allow','Action':'ecs:*','Resource':'arn:aws:ecs:*:*:cluster/Prod'}")),
                        "ecs:DescribeClusters", "arn:aws:ecs:us-east-1:111122223333:cluster/prod", US_EAST_1, noAllow),
                new Case("a region wildcard stays in its component", set(statements(
                        "{'Effect':'Allow','Action':'ecs:*','Resource':'arn:aws:ecs:us-*:111122223333:cluster/x'}")),
                        "ecs:DescribeClusters", "arn:aws:ecs:us-east-1:999999999999:cluster/x", US_EAST_1, noAllow),
                new Case("ARN pattern does not match resource *", set(statements(
                        "{'Effect':'Allow','Action':'ecs:ListClusters','Resource':'arn:aws:ecs:*:*:cluster/*'}")),
                        "ecs:ListClusters", "*", US_EAST_1, noAllow),
                new Case("NotResource allows other resources", set(statements(
                        "{'Effect':'Allow','Action':'ecs:*','NotResource':'arn:aws:ecs:*:*:cluster/secret'}")),
                        "ecs:DescribeClusters", "arn:aws:ecs:us-east-1:111122223333:cluster/public", US_EAST_1, allowed),
                new Case("NotResource excludes its resources", set(statements(
                        "{'Effect':'Allow','Action':'ecs:*','NotResource':'arn:aws:ecs:*:*:cluster/secret'}")),
                        "ecs:DescribeClusters", "arn:aws:ecs:us-east-1:111122223333:cluster/secret", US_EAST_1, noAllow),
                new Case("region condition allows us-east-1", set(statements(
                        "{'Effect':'Allow','Action':'ecs:*','Resource':'*','Condition':{'StringEquals':{'aws:RequestedRegion':'us-east-1'}}}")),
                        "ecs:ListClusters", "*", US_EAST_1, allowed),
                new Case("region condition refuses eu-west-1", set(statements(
                        "{'Effect':'Allow','Action':'ecs:*','Resource':'*','Condition':{'StringEquals':{'aws:RequestedRegion':'us-east-1'}}}")),
                        "ecs:ListClusters", "*", EU_WEST_1, noAllow),
                new Case("region deny with StringNotEquals", set(statements(ALLOW_ALL,
                        "{'Effect':'Deny','Action':'*','Resource':'*','Condition':{'StringNotEquals':{'aws:RequestedRegion':['us-east-1','us-west-2']}}}")),
                        "ecs:ListClusters", "*", EU_WEST_1, explicitDeny),
                new Case("region deny leaves listed regions", set(statements(ALLOW_ALL,
                        "{'Effect':'Deny','Action':'*','Resource':'*','Condition':{'StringNotEquals':{'aws:RequestedRegion':['us-east-1','us-west-2']}}}")),
                        "ecs:ListClusters", "*", US_EAST_1, allowed),
                new Case("policy variable in resource", set(statements(
                        "{'Effect':'Allow','Action':'iam:*AccessKey*','Resource':'arn:aws:iam::*:user/${aws:username}'}")),
                        "iam:CreateAccessKey", "arn:aws:iam::111122223333:user/alice", US_EAST_1, allowed),
                new Case("policy variable names another user", set(statements(
                        "{'Effect':'Allow','Action':'iam:*AccessKey*','Resource':'arn:aws:iam::*:user/${aws:username}'}")),
                        "iam:CreateAccessKey", "arn:aws:iam::111122223333:user/bob", US_EAST_1, noAllow),
                new Case("variables are literal in 2008-10-17 policies", set(Policies.identity(
                        "{'Version':'2008-10-17','Statement':[{'Effect':'Allow','Action':'iam:*','Resource':'arn:aws:iam::*:user/${aws:username}'}]}")),
                        "iam:GetUser", "arn:aws:iam::111122223333:user/alice", US_EAST_1, noAllow));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decides(Case c) {
        assertThat(PolicyEvaluator.evaluate(new AccessRequest(c.action(), c.resource(), c.context()), c.policies()))
                .isEqualTo(c.expected());
    }

    @Test
    void sessionPolicyIntersectsWithIdentityPolicies() {
        PolicySet identity = set(statements(ALLOW_ECS, "{'Effect':'Allow','Action':'ecr:*','Resource':'*'}"));
        PolicySet scoped = identity.withSession(List.of(statements("{'Effect':'Allow','Action':['ecs:List*','iam:*'],'Resource':'*'}")));
        assertThat(evaluate("ecs:ListClusters", scoped)).isEqualTo(Decision.ALLOWED);
        assertThat(evaluate("ecs:CreateCluster", scoped)).isEqualTo(new Decision.Denied(Decision.Reason.NO_SESSION_ALLOW));
        assertThat(evaluate("ecr:ListImages", scoped)).isEqualTo(new Decision.Denied(Decision.Reason.NO_SESSION_ALLOW));
        // the session policy alone grants nothing the role does not have
        assertThat(evaluate("iam:CreateUser", scoped)).isEqualTo(new Decision.Denied(Decision.Reason.NO_IDENTITY_ALLOW));
        assertThat(evaluate("ecr:ListImages", identity)).isEqualTo(Decision.ALLOWED);
    }

    @Test
    void aResourcePolicyNamingTheCallerGrantsAndItsDenyWins() {
        CallingPrincipal alice = CallingPrincipal.user("123456789012", "arn:aws:iam::123456789012:user/alice");
        AccessRequest read = new AccessRequest("secretsmanager:GetSecretValue", "arn:aws:secretsmanager:us-east-1:"
                + "123456789012:secret:db-AbCdEf", US_EAST_1);
        PolicyDocument allowsAlice = PolicyParser.parse("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:user/alice"},
                 "Action":"secretsmanager:GetSecretValue"}]}""", PolicyParser.Kind.RESOURCE);
        PolicyDocument allowsBob = PolicyParser.parse("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:user/bob"},
                 "Action":"*","Resource":"*"}]}""", PolicyParser.Kind.RESOURCE);
        PolicyDocument deniesAll = PolicyParser.parse("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"secretsmanager:*",
                 "Resource":"*"}]}""", PolicyParser.Kind.RESOURCE);

        assertThat(PolicyEvaluator.evaluate(read, set(), java.util.Optional.of(allowsAlice), alice))
                .isEqualTo(Decision.ALLOWED);
        assertThat(PolicyEvaluator.evaluate(read, set(), java.util.Optional.of(allowsBob), alice))
                .isEqualTo(new Decision.Denied(Decision.Reason.NO_IDENTITY_ALLOW));
        assertThat(PolicyEvaluator.evaluate(read, set(statements(ALLOW_ALL)), java.util.Optional.of(deniesAll), alice))
                .isEqualTo(new Decision.Denied(Decision.Reason.EXPLICIT_DENY_TRUST));
        assertThat(PolicyEvaluator.evaluate(read, set(statements(ALLOW_ALL)), java.util.Optional.empty(), alice))
                .isEqualTo(Decision.ALLOWED);
    }

    @Test
    void sessionScopedWithNoSessionPoliciesAllowsNothing() {
        PolicySet scoped = set(statements(ALLOW_ALL)).withSession(List.of());
        assertThat(evaluate("ecs:ListClusters", scoped)).isEqualTo(new Decision.Denied(Decision.Reason.NO_SESSION_ALLOW));
    }

    @Test
    void denyInSessionPolicyIsExplicit() {
        PolicySet scoped = set(statements(ALLOW_ALL)).withSession(List.of(statements(ALLOW_ALL, DENY_DELETE)));
        assertThat(evaluate("ecs:DeleteCluster", scoped)).isEqualTo(new Decision.Denied(Decision.Reason.EXPLICIT_DENY_SESSION));
    }

    @Test
    void permissionsBoundaryCapsWhatIdentityPoliciesGrant() {
        PolicySet bounded = set(statements(ALLOW_ALL)).withBoundary(List.of(statements(ALLOW_ECS)));
        assertThat(evaluate("ecs:ListClusters", bounded)).isEqualTo(Decision.ALLOWED);
        assertThat(evaluate("iam:CreateUser", bounded)).isEqualTo(new Decision.Denied(Decision.Reason.NO_BOUNDARY_ALLOW));
        // the boundary alone grants nothing
        PolicySet onlyBoundary = set().withBoundary(List.of(statements(ALLOW_ALL)));
        assertThat(evaluate("ecs:ListClusters", onlyBoundary)).isEqualTo(new Decision.Denied(Decision.Reason.NO_IDENTITY_ALLOW));
    }

    @Test
    void denyInABoundaryIsExplicitAndAMissingBoundaryPolicyAllowsNothing() {
        PolicySet denying = set(statements(ALLOW_ALL)).withBoundary(List.of(statements(ALLOW_ALL, DENY_DELETE)));
        assertThat(evaluate("ecs:DeleteCluster", denying)).isEqualTo(new Decision.Denied(Decision.Reason.EXPLICIT_DENY_BOUNDARY));
        assertThat(evaluate("ecs:ListClusters", denying)).isEqualTo(Decision.ALLOWED);
        PolicySet gone = set(statements(ALLOW_ALL)).withBoundary(List.of());
        assertThat(evaluate("ecs:ListClusters", gone)).isEqualTo(new Decision.Denied(Decision.Reason.NO_BOUNDARY_ALLOW));
    }

    @Test
    void boundaryAndSessionPoliciesBothCap() {
        PolicySet both = set(statements(ALLOW_ALL)).withBoundary(List.of(statements(ALLOW_ECS)))
                .withSession(List.of(statements("{'Effect':'Allow','Action':['ecs:List*','iam:*'],'Resource':'*'}")));
        assertThat(evaluate("ecs:ListClusters", both)).isEqualTo(Decision.ALLOWED);
        assertThat(evaluate("ecs:CreateCluster", both)).isEqualTo(new Decision.Denied(Decision.Reason.NO_SESSION_ALLOW));
        assertThat(evaluate("iam:ListRoles", both)).isEqualTo(new Decision.Denied(Decision.Reason.NO_BOUNDARY_ALLOW));
    }

    @Test
    void explanationsUseAwsWording() {
        assertThat(new Decision.Denied(Decision.Reason.NO_BOUNDARY_ALLOW).explanation("iam:GetRole"))
                .isEqualTo("because no permissions boundary allows the iam:GetRole action");
        assertThat(new Decision.Denied(Decision.Reason.EXPLICIT_DENY_BOUNDARY).explanation("iam:GetRole"))
                .isEqualTo("with an explicit deny in a permissions boundary");
        assertThat(new Decision.Denied(Decision.Reason.NO_IDENTITY_ALLOW).explanation("ecs:ListClusters"))
                .isEqualTo("because no identity-based policy allows the ecs:ListClusters action");
        assertThat(new Decision.Denied(Decision.Reason.EXPLICIT_DENY_IDENTITY).explanation("ecs:ListClusters"))
                .isEqualTo("with an explicit deny in an identity-based policy");
    }

    private static Decision evaluate(String action, PolicySet policies) {
        return PolicyEvaluator.evaluate(new AccessRequest(action, "*", US_EAST_1), policies);
    }
}
