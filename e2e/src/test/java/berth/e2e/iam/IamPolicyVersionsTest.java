package berth.e2e.iam;

import berth.e2e.Policies;

import berth.junit5.BerthTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.EntityType;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.ListEntitiesForPolicyResponse;
import software.amazon.awssdk.services.iam.model.PolicyRole;
import software.amazon.awssdk.services.iam.model.PolicyUsageType;
import software.amazon.awssdk.services.iam.model.PolicyUser;
import software.amazon.awssdk.services.iam.model.PolicyVersion;
import software.amazon.awssdk.services.iam.model.Tag;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

/** Managed policy versions (at most five, the default one in effect), tags, and who uses a policy. */
@BerthTest(accountId = "111122223333", reset = BerthTest.Reset.PER_TEST, resetServices = "iam")
class IamPolicyVersionsTest {
    private static final String ARN = "arn:aws:iam::111122223333:policy/app";
    private static final String TRUST = Policies.trustService("ecs-tasks.amazonaws.com");

    private final URI endpoint;
    private final IamClient iam;

    IamPolicyVersionsTest(URI endpoint) {
        this.endpoint = endpoint;
        this.iam = SignedClients.iam(endpoint, SignedClients.ROOT);
    }

    private static String allow(String action) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"" + action
                + "\",\"Resource\":\"*\"}]}";
    }

    @Test
    void atMostFiveVersionsNumberedOnceAndTheDefaultStays() {
        iam.createPolicy(r -> r.policyName("app").policyDocument(allow("ecs:ListClusters")));
        for (int i = 2; i <= 5; i++) {
            PolicyVersion created = iam.createPolicyVersion(r -> r.policyArn(ARN).policyDocument(allow("ecs:List*")))
                    .policyVersion();
            assertThat(created.versionId()).isEqualTo("v" + i);
            assertThat(created.isDefaultVersion()).isFalse();
        }
        assertError(() -> iam.createPolicyVersion(r -> r.policyArn(ARN).policyDocument(allow("ecs:*"))), 409,
                "LimitExceeded", "A managed policy can have up to 5 versions. Before you create a new version, you must"
                        + " delete an existing version.");
        assertError(() -> iam.deletePolicyVersion(r -> r.policyArn(ARN).versionId("v1")), 409, "DeleteConflict",
                "Cannot delete the default version of a policy.");
        assertError(() -> iam.deletePolicyVersion(r -> r.policyArn(ARN).versionId("v9")), 404, "NoSuchEntity",
                "Policy " + ARN + " version v9 does not exist or is not attachable.");
        assertError(() -> iam.createPolicyVersion(r -> r.policyArn(ARN).policyDocument("{not json")), 400,
                "MalformedPolicyDocument", "This policy contains invalid Json");

        iam.deletePolicyVersion(r -> r.policyArn(ARN).versionId("v5"));
        PolicyVersion sixth = iam.createPolicyVersion(r -> r.policyArn(ARN).policyDocument(allow("ecs:*")).setAsDefault(true))
                .policyVersion();
        assertThat(sixth.versionId()).isEqualTo("v6");
        assertThat(sixth.isDefaultVersion()).isTrue();
        assertThat(iam.getPolicy(r -> r.policyArn(ARN)).policy().defaultVersionId()).isEqualTo("v6");
        assertThat(iam.listPolicyVersionsPaginator(r -> r.policyArn(ARN).maxItems(2)).versions())
                .extracting(PolicyVersion::versionId).containsExactly("v1", "v2", "v3", "v4", "v6");
        assertThat(URLDecoder.decode(iam.getPolicyVersion(r -> r.policyArn(ARN).versionId("v6")).policyVersion().document(),
                StandardCharsets.UTF_8)).isEqualTo(allow("ecs:*"));

        assertError(() -> iam.setDefaultPolicyVersion(r -> r.policyArn(ARN).versionId("v5")), 404, "NoSuchEntity", null);
        iam.setDefaultPolicyVersion(r -> r.policyArn(ARN).versionId("v2"));
        assertThat(iam.getPolicy(r -> r.policyArn(ARN)).policy().defaultVersionId()).isEqualTo("v2");
        iam.deletePolicyVersion(r -> r.policyArn(ARN).versionId("v6"));

        assertError(() -> iam.deletePolicy(r -> r.policyArn(ARN)), 409, "DeleteConflict", "This policy has more than one"
                + " version. Before you delete a policy, you must delete the policy's versions. The default version is"
                + " deleted with the policy.");
        for (String version : new String[] {"v1", "v3", "v4"}) {
            iam.deletePolicyVersion(r -> r.policyArn(ARN).versionId(version));
        }
        iam.deletePolicy(r -> r.policyArn(ARN));
        assertError(() -> iam.createPolicyVersion(r -> r.policyArn(ARN).policyDocument(allow("ecs:*"))), 404,
                "NoSuchEntity", "Policy " + ARN + " was not found.");
        assertError(() -> iam.createPolicyVersion(r -> r.policyArn("arn:aws:iam::aws:policy/ReadOnlyAccess")
                .policyDocument(allow("ecs:*"))), 400, "InvalidInput", null);
    }

    @Test
    void theDefaultVersionIsWhatPolicyEvaluationReads() {
        iam.createUser(r -> r.userName("reader"));
        iam.createPolicy(r -> r.policyName("app").policyDocument(allow("iam:ListRoles")));
        iam.attachUserPolicy(r -> r.userName("reader").policyArn(ARN));
        AwsCredentials key = SignedClients.of(iam.createAccessKey(r -> r.userName("reader")).accessKey());
        try (IamClient reader = SignedClients.iam(endpoint, key)) {
            reader.listRoles();
            assertError(reader::listUsers, 403, "AccessDenied", null);

            iam.createPolicyVersion(r -> r.policyArn(ARN).policyDocument(allow("iam:ListUsers")));
            reader.listRoles();
            assertError(reader::listUsers, 403, "AccessDenied", null);

            iam.setDefaultPolicyVersion(r -> r.policyArn(ARN).versionId("v2"));
            reader.listUsers();
            assertError(reader::listRoles, 403, "AccessDenied", "User: arn:aws:iam::111122223333:user/reader is not"
                    + " authorized to perform: iam:ListRoles on resource: * because no identity-based policy allows the"
                    + " iam:ListRoles action");

            iam.setDefaultPolicyVersion(r -> r.policyArn(ARN).versionId("v1"));
            reader.listRoles();
            assertError(reader::listUsers, 403, "AccessDenied", null);
        }
    }

    @Test
    void tagsOfAPolicy() {
        iam.createPolicy(r -> r.policyName("app").policyDocument(allow("ecs:*"))
                .tags(Tag.builder().key("team").value("web").build()));
        iam.tagPolicy(r -> r.policyArn(ARN).tags(Tag.builder().key("Team").value("ops").build(),
                Tag.builder().key("cost").value("7").build()));
        assertThat(iam.listPolicyTags(r -> r.policyArn(ARN)).tags()).extracting(Tag::key, Tag::value)
                .containsExactly(tuple("Team", "ops"),
                        tuple("cost", "7"));
        iam.untagPolicy(r -> r.policyArn(ARN).tagKeys("COST"));
        assertThat(iam.getPolicy(r -> r.policyArn(ARN)).policy().tags()).extracting(Tag::key).containsExactly("Team");
        assertError(() -> iam.tagPolicy(r -> r.policyArn("arn:aws:iam::aws:policy/ReadOnlyAccess")
                .tags(Tag.builder().key("a").value("b").build())), 400, "InvalidInput", null);
    }

    @Test
    void entitiesForAPolicyAreItsAttachersAndTheEntitiesItBounds() {
        iam.createPolicy(r -> r.policyName("app").policyDocument(allow("ecs:*")));
        iam.createRole(r -> r.roleName("worker").path("/apps/").assumeRolePolicyDocument(TRUST));
        iam.createRole(r -> r.roleName("bounded").assumeRolePolicyDocument(TRUST).permissionsBoundary(ARN));
        iam.createUser(r -> r.userName("alice"));
        iam.createUser(r -> r.userName("bob").permissionsBoundary(ARN));
        iam.attachRolePolicy(r -> r.roleName("worker").policyArn(ARN));
        iam.attachUserPolicy(r -> r.userName("alice").policyArn(ARN));
        iam.attachUserPolicy(r -> r.userName("bob").policyArn(ARN));

        ListEntitiesForPolicyResponse all = iam.listEntitiesForPolicy(r -> r.policyArn(ARN));
        assertThat(all.policyRoles()).extracting(PolicyRole::roleName).containsExactly("bounded", "worker");
        assertThat(all.policyUsers()).extracting(PolicyUser::userName).containsExactly("alice", "bob");
        assertThat(all.policyGroups()).isEmpty();
        assertThat(all.policyRoles().get(1).roleId()).startsWith("AROA");
        var attached = iam.listEntitiesForPolicy(r -> r.policyArn(ARN).policyUsageFilter(PolicyUsageType.PERMISSIONS_POLICY));
        assertThat(attached.policyRoles()).extracting(PolicyRole::roleName).containsExactly("worker");
        assertThat(attached.policyUsers()).extracting(PolicyUser::userName).containsExactly("alice", "bob");
        var bounding = iam.listEntitiesForPolicy(r -> r.policyArn(ARN)
                .policyUsageFilter(PolicyUsageType.PERMISSIONS_BOUNDARY).entityFilter(EntityType.USER));
        assertThat(bounding.policyRoles()).isEmpty();
        assertThat(bounding.policyUsers()).extracting(PolicyUser::userName).containsExactly("bob");
        assertThat(iam.listEntitiesForPolicy(r -> r.policyArn(ARN).pathPrefix("/apps/")).policyRoles())
                .extracting(PolicyRole::roleName).containsExactly("worker");

        var first = iam.listEntitiesForPolicy(r -> r.policyArn(ARN).maxItems(3));
        assertThat(first.isTruncated()).isTrue();
        assertThat(first.policyRoles()).hasSize(2);
        assertThat(first.policyUsers()).extracting(PolicyUser::userName).containsExactly("alice");
        assertThat(iam.listEntitiesForPolicy(r -> r.policyArn(ARN).marker(first.marker())).policyUsers())
                .extracting(PolicyUser::userName).containsExactly("bob");

        var policy = iam.getPolicy(r -> r.policyArn(ARN)).policy();
        assertThat(policy.attachmentCount()).isEqualTo(3);
        assertThat(policy.permissionsBoundaryUsageCount()).isEqualTo(2);
        assertError(() -> iam.listEntitiesForPolicy(r -> r.policyArn("arn:aws:iam::111122223333:policy/none")), 404,
                "NoSuchEntity", "Policy arn:aws:iam::111122223333:policy/none was not found.");
    }

    /** @param message the exact message, or null to check only the code */
    private static void assertError(Runnable call, int status, String code, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(IamException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(status);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            if (message != null) {
                assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
            }
        });
    }
}
