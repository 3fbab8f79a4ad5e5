package berth.e2e.iam;

import berth.e2e.Terraform;
import berth.junit5.BerthTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.InstanceProfile;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Policy;
import software.amazon.awssdk.services.iam.model.PolicyScopeType;
import software.amazon.awssdk.services.iam.model.PolicyUsageType;
import software.amazon.awssdk.services.iam.model.PolicyVersion;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.User;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Terraform's AWS provider manages roles, inline and attached policies, managed policies and their
 * versions, a permissions boundary, an instance profile and a user on berth: the stack applies,
 * plans clean, takes a change (and puts back what was changed behind its back), plans clean again
 * and destroys to nothing. What it made is checked with the AWS SDK.
 */
@BerthTest(accountId = "111122223333")
class IamTerraformTest {
    private static final String ACCOUNT = "111122223333";
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(3);

    @Test
    void anIamStackAppliesPlansCleanTakesAChangeAndDestroys(URI endpoint, @TempDir Path dir) {
        Path binary = Terraform.binary().orElse(null);
        assumeTrue(binary != null, "no terraform binary on PATH: this test runs Terraform itself against berth");
        Path mirror = Terraform.providerMirror().orElseThrow(() -> new AssertionError("terraform is on PATH but no"
                + " registry.terraform.io/hashicorp/aws provider mirror was found (set BERTH_TF_PLUGIN_DIR, or install it"
                + " under /opt/tf-plugins, ~/.terraform.d/plugins, /usr/share/terraform/plugins or"
                + " /usr/local/share/terraform/plugins)"));
        Terraform terraform = Terraform.stack(binary, mirror, "terraform/iam-stack", dir, COMMAND_TIMEOUT);
        Map<String, String> first = Map.of("endpoint", endpoint.toString(), "name", "tfiam");
        Map<String, String> second = Map.of("endpoint", endpoint.toString(), "name", "tfiam", "revision", "2");

        try (IamClient iam = SignedClients.iam(endpoint, SignedClients.ROOT);
             S3Client s3 = S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).forcePathStyle(true)
                     .credentialsProvider(StaticCredentialsProvider.create(SignedClients.ROOT))
                     .httpClient(UrlConnectionHttpClient.create()).build()) {
            terraform.init().expectExit(0);
            terraform.apply(first).expectExit(0);
            terraform.plan(first).expectExit(0);
            checkFirstRevision(iam, terraform);
            checkArtifacts(s3, "1");

            // changed behind Terraform's back: the next apply must read it and put it back
            iam.tagRole(r -> r.roleName("tfiam-app").tags(Tag.builder().key("Drift").value("yes").build()));
            iam.deleteUserPolicy(r -> r.userName("tfiam-deployer").policyName("push-images"));

            terraform.apply(second).expectExit(0);
            terraform.plan(second).expectExit(0);
            checkSecondRevision(iam);
            checkArtifacts(s3, "2");
            assertThat(s3.listObjectVersions(r -> r.bucket("tfiam-artifacts")).versions()).as("both revisions kept").hasSize(2);

            terraform.destroy(second).expectExit(0);
            assertThat(iam.listRoles().roles()).isEmpty();
            assertThatThrownBy(() -> s3.headBucket(r -> r.bucket("tfiam-artifacts"))).isInstanceOf(NoSuchBucketException.class);
            assertThat(iam.listUsers().users()).isEmpty();
            assertThat(iam.listInstanceProfiles().instanceProfiles()).isEmpty();
            assertThat(iam.listPolicies(r -> r.scope(PolicyScopeType.LOCAL)).policies()).isEmpty();
            assertThatThrownBy(() -> iam.getInstanceProfile(r -> r.instanceProfileName("tfiam-app")))
                    .isInstanceOf(NoSuchEntityException.class);
        }
    }

    private static void checkFirstRevision(IamClient iam, Terraform terraform) {
        String boundaryArn = "arn:aws:iam::" + ACCOUNT + ":policy/boundaries/tfiam-boundary";
        String appPolicyArn = "arn:aws:iam::" + ACCOUNT + ":policy/tfiam-app-read";
        Map<String, String> outputs = terraform.outputs();
        assertThat(outputs).containsEntry("boundary_arn", boundaryArn).containsEntry("app_policy_arn", appPolicyArn);

        Role role = iam.getRole(r -> r.roleName("tfiam-app")).role();
        assertThat(role.arn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":role/apps/tfiam-app")
                .isEqualTo(outputs.get("role_arn"));
        assertThat(role.description()).isEqualTo("runs tfiam's instances (revision 1)");
        assertThat(role.maxSessionDuration()).isEqualTo(7200);
        assertThat(role.permissionsBoundary().permissionsBoundaryArn()).isEqualTo(boundaryArn);
        assertThat(tags(role.tags())).isEqualTo(Map.of("Stack", "tfiam", "Revision", "1"));
        assertThat(iam.listRolePolicies(r -> r.roleName("tfiam-app")).policyNames()).containsExactly("pull-images");
        assertThat(iam.listAttachedRolePolicies(r -> r.roleName("tfiam-app")).attachedPolicies())
                .extracting(AttachedPolicy::policyArn)
                .containsExactlyInAnyOrder(appPolicyArn, "arn:aws:iam::aws:policy/CloudWatchLogsFullAccess");

        InstanceProfile profile = iam.getInstanceProfile(r -> r.instanceProfileName("tfiam-app")).instanceProfile();
        assertThat(profile.arn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":instance-profile/apps/tfiam-app")
                .isEqualTo(outputs.get("instance_profile_arn"));
        assertThat(profile.instanceProfileId()).startsWith("AIPA").hasSize(21)
                .isEqualTo(outputs.get("instance_profile_id"));
        assertThat(profile.roles()).extracting(Role::arn).containsExactly(role.arn());
        assertThat(tags(profile.tags())).isEqualTo(Map.of("Stack", "tfiam"));
        assertThat(iam.listInstanceProfilesForRole(r -> r.roleName("tfiam-app")).instanceProfiles())
                .extracting(InstanceProfile::instanceProfileName).containsExactly("tfiam-app");

        Policy appPolicy = iam.getPolicy(r -> r.policyArn(appPolicyArn)).policy();
        assertThat(appPolicy.defaultVersionId()).isEqualTo("v1");
        assertThat(appPolicy.attachmentCount()).isEqualTo(2);
        assertThat(tags(appPolicy.tags())).isEqualTo(Map.of("Stack", "tfiam", "Revision", "1"));
        Policy boundary = iam.getPolicy(r -> r.policyArn(boundaryArn)).policy();
        assertThat(boundary.permissionsBoundaryUsageCount()).isEqualTo(2);
        var bounded = iam.listEntitiesForPolicy(r -> r.policyArn(boundaryArn)
                .policyUsageFilter(PolicyUsageType.PERMISSIONS_BOUNDARY));
        assertThat(bounded.policyRoles()).extracting(p -> p.roleName()).containsExactly("tfiam-app");
        assertThat(bounded.policyUsers()).extracting(p -> p.userName()).containsExactly("tfiam-deployer");

        User user = iam.getUser(r -> r.userName("tfiam-deployer")).user();
        assertThat(user.arn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":user/ci/tfiam-deployer");
        assertThat(user.permissionsBoundary().permissionsBoundaryArn()).isEqualTo(boundaryArn);
        assertThat(tags(user.tags())).isEqualTo(Map.of("Stack", "tfiam", "Revision", "1"));
        assertThat(iam.listUserPolicies(r -> r.userName("tfiam-deployer")).policyNames()).containsExactly("push-images");
        assertThat(iam.listAttachedUserPolicies(r -> r.userName("tfiam-deployer")).attachedPolicies())
                .extracting(AttachedPolicy::policyArn).containsExactly(appPolicyArn);
    }

    private static void checkSecondRevision(IamClient iam) {
        String appPolicyArn = "arn:aws:iam::" + ACCOUNT + ":policy/tfiam-app-read";
        Policy appPolicy = iam.getPolicy(r -> r.policyArn(appPolicyArn)).policy();
        assertThat(appPolicy.defaultVersionId()).isEqualTo("v2");
        assertThat(tags(appPolicy.tags())).containsEntry("Revision", "2");
        assertThat(iam.listPolicyVersions(r -> r.policyArn(appPolicyArn)).versions())
                .extracting(PolicyVersion::versionId, PolicyVersion::isDefaultVersion)
                .containsExactlyInAnyOrder(tuple("v1", false),
                        tuple("v2", true));
        String document = iam.getPolicyVersion(r -> r.policyArn(appPolicyArn).versionId("v2")).policyVersion().document();
        assertThat(URLDecoder.decode(document, StandardCharsets.UTF_8)).contains("logs:GetLogEvents");

        Role role = iam.getRole(r -> r.roleName("tfiam-app")).role();
        assertThat(role.description()).isEqualTo("runs tfiam's instances (revision 2)");
        assertThat(tags(role.tags())).isEqualTo(Map.of("Stack", "tfiam", "Revision", "2"));
        assertThat(tags(iam.getUser(r -> r.userName("tfiam-deployer")).user().tags())).containsEntry("Revision", "2");
        assertThat(iam.listUserPolicies(r -> r.userName("tfiam-deployer")).policyNames()).containsExactly("push-images");
    }

    private static void checkArtifacts(S3Client s3, String revision) {
        assertThat(s3.getBucketVersioning(r -> r.bucket("tfiam-artifacts")).statusAsString()).isEqualTo("Enabled");
        assertThat(s3.getBucketTagging(r -> r.bucket("tfiam-artifacts")).tagSet())
                .extracting(t -> t.key() + "=" + t.value()).containsExactlyInAnyOrder("Stack=tfiam", "Revision=" + revision);
        var release = s3.getObjectAsBytes(r -> r.bucket("tfiam-artifacts").key("releases/current.txt"));
        assertThat(release.asUtf8String()).isEqualTo("revision " + revision);
        assertThat(release.response().contentType()).isEqualTo("text/plain");
    }

    private static Map<String, String> tags(List<Tag> tags) {
        return tags.stream().collect(Collectors.toMap(Tag::key, Tag::value));
    }
}
