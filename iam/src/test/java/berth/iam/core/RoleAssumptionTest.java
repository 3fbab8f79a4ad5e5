package berth.iam.core;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RoleAssumptionTest {
    private static final String ACCOUNT = "111122223333";
    private static final String ALICE = "arn:aws:iam::111122223333:user/alice";
    private static final CallingPrincipal ROOT = CallingPrincipal.accountRoot(ACCOUNT);
    private static final CallingPrincipal ALICE_PRINCIPAL = CallingPrincipal.user(ACCOUNT, ALICE);
    private static final CallingPrincipal OTHER_ACCOUNT = CallingPrincipal.user("444455556666",
            "arn:aws:iam::444455556666:user/mallory");
    private static final CallingPrincipal ECS_TASKS = CallingPrincipal.service("ecs-tasks.amazonaws.com");
    private static final Decision NO_ALLOW = new Decision.Denied(Decision.Reason.NO_IDENTITY_ALLOW);
    private static final Decision DENY = new Decision.Denied(Decision.Reason.EXPLICIT_DENY_IDENTITY);

    private static PolicyDocument trusting(String principal) {
        return Policies.trust("{'Version':'2012-10-17','Statement':[{'Effect':'Allow','Principal':" + principal
                + ",'Action':'sts:AssumeRole'}]}");
    }

    private static Optional<String> refused(PolicyDocument trust, CallingPrincipal caller, Decision identity) {
        return RoleAssumption.refusedAction(trust, ACCOUNT, caller, identity, RequestContextKeys.EMPTY, false, false);
    }

    @Test
    void accountTrustNeedsAnIdentityPolicyForUsers() {
        PolicyDocument trust = trusting("{'AWS':'arn:aws:iam::111122223333:root'}");
        assertThat(refused(trust, ROOT, Decision.ALLOWED)).isEmpty();
        assertThat(refused(trust, ALICE_PRINCIPAL, Decision.ALLOWED)).isEmpty();
        assertThat(refused(trust, ALICE_PRINCIPAL, NO_ALLOW)).contains("sts:AssumeRole");
        assertThat(refused(trust, OTHER_ACCOUNT, Decision.ALLOWED)).contains("sts:AssumeRole");
    }

    @Test
    void bareAccountIdMeansTheAccount() {
        assertThat(refused(trusting("{'AWS':'111122223333'}"), ROOT, Decision.ALLOWED)).isEmpty();
        assertThat(refused(trusting("{'AWS':'444455556666'}"), ROOT, Decision.ALLOWED)).contains("sts:AssumeRole");
    }

    @Test
    void trustByArnSufficesWithinTheAccount() {
        PolicyDocument trust = trusting("{'AWS':'" + ALICE + "'}");
        assertThat(refused(trust, ALICE_PRINCIPAL, NO_ALLOW)).isEmpty();
        assertThat(refused(trust, ALICE_PRINCIPAL, DENY)).contains("sts:AssumeRole");
        assertThat(refused(trust, ROOT, Decision.ALLOWED)).contains("sts:AssumeRole");
    }

    @Test
    void roleArnCoversItsSessions() {
        String roleArn = "arn:aws:iam::111122223333:role/builder";
        CallingPrincipal session = CallingPrincipal.roleSession(ACCOUNT, roleArn,
                "arn:aws:sts::111122223333:assumed-role/builder/s1");
        assertThat(refused(trusting("{'AWS':'" + roleArn + "'}"), session, NO_ALLOW)).isEmpty();
        assertThat(refused(trusting("{'AWS':'arn:aws:iam::111122223333:role/other'}"), session, Decision.ALLOWED))
                .contains("sts:AssumeRole");
    }

    @Test
    void servicePrincipals() {
        PolicyDocument trust = trusting("{'Service':'ecs-tasks.amazonaws.com'}");
        assertThat(refused(trust, ECS_TASKS, Decision.ALLOWED)).isEmpty();
        assertThat(refused(trust, CallingPrincipal.service("lambda.amazonaws.com"), Decision.ALLOWED)).isPresent();
        assertThat(refused(trust, ROOT, Decision.ALLOWED)).isPresent();
        assertThat(refused(trusting("{'AWS':'111122223333'}"), ECS_TASKS, Decision.ALLOWED)).isPresent();
    }

    @Test
    void trustConditionsSeeTheRequest() {
        PolicyDocument trust = Policies.trust("{'Version':'2012-10-17','Statement':[{'Effect':'Allow','Principal':"
                + "{'Service':'ecs-tasks.amazonaws.com'},'Action':'sts:AssumeRole','Condition':{'StringEquals':"
                + "{'aws:SourceAccount':'111122223333'},'ArnLike':{'aws:SourceArn':'arn:aws:ecs:*:111122223333:*'}}}]}");
        RequestContextKeys ours = RequestContextKeys.builder().put("aws:SourceAccount", ACCOUNT)
                .put("aws:SourceArn", "arn:aws:ecs:us-east-1:111122223333:task/c/abc").build();
        RequestContextKeys theirs = ours.with("aws:SourceAccount", "444455556666");
        assertThat(RoleAssumption.refusedAction(trust, ACCOUNT, ECS_TASKS, Decision.ALLOWED, ours, false, false)).isEmpty();
        assertThat(RoleAssumption.refusedAction(trust, ACCOUNT, ECS_TASKS, Decision.ALLOWED, theirs, false, false))
                .isPresent();
    }

    @Test
    void explicitDenyInTrustWins() {
        PolicyDocument trust = Policies.trust("{'Version':'2012-10-17','Statement':["
                + "{'Effect':'Allow','Principal':{'AWS':'111122223333'},'Action':'sts:AssumeRole'},"
                + "{'Effect':'Deny','Principal':{'AWS':'" + ALICE + "'},'Action':'sts:*'}]}");
        assertThat(refused(trust, ROOT, Decision.ALLOWED)).isEmpty();
        assertThat(refused(trust, ALICE_PRINCIPAL, Decision.ALLOWED)).contains("sts:AssumeRole");
    }

    @Test
    void sessionTagsNeedTagSession() {
        PolicyDocument assumeOnly = trusting("{'AWS':'111122223333'}");
        PolicyDocument withTags = Policies.trust("{'Version':'2012-10-17','Statement':[{'Effect':'Allow','Principal':"
                + "{'AWS':'111122223333'},'Action':['sts:AssumeRole','sts:TagSession']}]}");
        assertThat(RoleAssumption.refusedAction(assumeOnly, ACCOUNT, ROOT, Decision.ALLOWED, RequestContextKeys.EMPTY, true,
                false)).contains("sts:TagSession");
        assertThat(RoleAssumption.refusedAction(withTags, ACCOUNT, ROOT, Decision.ALLOWED, RequestContextKeys.EMPTY, true,
                false)).isEmpty();
    }

    @Test
    void sessionDurations() {
        assertThat(RoleAssumption.durationProblem(Duration.ofHours(1), 3600, false)).isEmpty();
        assertThat(RoleAssumption.durationProblem(Duration.ofHours(2), 3600, false)).contains(
                "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        assertThat(RoleAssumption.durationProblem(Duration.ofHours(2), 7200, true)).contains(
                "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");
    }
}
