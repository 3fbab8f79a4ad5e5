package berth.e2e.iam;

import berth.e2e.Policies;

import berth.junit5.BerthTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.InstanceProfile;
import software.amazon.awssdk.services.iam.model.ListInstanceProfileTagsResponse;
import software.amazon.awssdk.services.iam.model.ListInstanceProfilesResponse;
import software.amazon.awssdk.services.iam.model.Tag;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

/** Instance profiles: one role each, guarding their role against deletion; listed in pages; tagged; named by policies. */
@BerthTest(accountId = "111122223333", reset = BerthTest.Reset.PER_TEST, resetServices = "iam")
class IamInstanceProfilesTest {
    private static final String TRUST = Policies.trustService("ec2.amazonaws.com");

    private final URI endpoint;
    private final IamClient iam;

    IamInstanceProfilesTest(URI endpoint) {
        this.endpoint = endpoint;
        this.iam = SignedClients.iam(endpoint, SignedClients.ROOT);
    }

    @Test
    void aProfileHoldsOneRoleAndNeitherGoesWhileTheyAreTogether() {
        iam.createRole(r -> r.roleName("web").path("/apps/").assumeRolePolicyDocument(TRUST));
        iam.createRole(r -> r.roleName("batch").assumeRolePolicyDocument(TRUST));
        InstanceProfile created = iam.createInstanceProfile(r -> r.instanceProfileName("web-profile").path("/apps/")
                .tags(Tag.builder().key("team").value("web").build())).instanceProfile();
        assertThat(created.arn()).isEqualTo("arn:aws:iam::111122223333:instance-profile/apps/web-profile");
        assertThat(created.instanceProfileId()).startsWith("AIPA").hasSize(21);
        assertThat(created.roles()).isEmpty();
        assertThat(created.tags()).containsExactly(Tag.builder().key("team").value("web").build());
        assertError(() -> iam.createInstanceProfile(r -> r.instanceProfileName("WEB-profile")), 409, "EntityAlreadyExists",
                "Instance Profile WEB-profile already exists.");

        iam.addRoleToInstanceProfile(r -> r.instanceProfileName("web-profile").roleName("web"));
        assertError(() -> iam.addRoleToInstanceProfile(r -> r.instanceProfileName("web-profile").roleName("batch")), 409,
                "LimitExceeded", "Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1");
        assertError(() -> iam.addRoleToInstanceProfile(r -> r.instanceProfileName("web-profile").roleName("nobody")), 404,
                "NoSuchEntity", "The role with name nobody cannot be found.");
        InstanceProfile fetched = iam.getInstanceProfile(r -> r.instanceProfileName("Web-Profile")).instanceProfile();
        assertThat(fetched.roles()).singleElement().satisfies(role -> {
            assertThat(role.arn()).isEqualTo("arn:aws:iam::111122223333:role/apps/web");
            assertThat(role.roleId()).startsWith("AROA");
            assertThat(role.assumeRolePolicyDocument()).contains("ec2.amazonaws.com");
        });
        assertThat(iam.listInstanceProfilesForRole(r -> r.roleName("web")).instanceProfiles())
                .extracting(InstanceProfile::instanceProfileName).containsExactly("web-profile");
        assertThat(iam.listInstanceProfilesForRole(r -> r.roleName("batch")).instanceProfiles()).isEmpty();

        assertError(() -> iam.deleteRole(r -> r.roleName("web")), 409, "DeleteConflict",
                "Cannot delete entity, must remove roles from instance profile first.");
        assertError(() -> iam.deleteInstanceProfile(r -> r.instanceProfileName("web-profile")), 409, "DeleteConflict",
                "Cannot delete entity, must remove roles from instance profile first.");

        assertError(() -> iam.removeRoleFromInstanceProfile(r -> r.instanceProfileName("web-profile").roleName("batch")),
                404, "NoSuchEntity", null);
        iam.removeRoleFromInstanceProfile(r -> r.instanceProfileName("web-profile").roleName("web"));
        iam.addRoleToInstanceProfile(r -> r.instanceProfileName("web-profile").roleName("batch"));
        iam.deleteRole(r -> r.roleName("web"));
        iam.removeRoleFromInstanceProfile(r -> r.instanceProfileName("web-profile").roleName("batch"));
        iam.deleteInstanceProfile(r -> r.instanceProfileName("web-profile"));
        assertError(() -> iam.getInstanceProfile(r -> r.instanceProfileName("web-profile")), 404, "NoSuchEntity",
                "Instance Profile web-profile cannot be found.");
        assertError(() -> iam.listInstanceProfilesForRole(r -> r.roleName("web")), 404, "NoSuchEntity",
                "The role with name web cannot be found.");
    }

    @Test
    void profilesListByPathInPagesWithoutTheirTags() {
        for (String name : List.of("a", "b", "c", "d", "e")) {
            iam.createInstanceProfile(r -> r.instanceProfileName(name).path(name.equals("e") ? "/other/" : "/fleet/")
                    .tags(Tag.builder().key("k").value(name).build()));
        }
        List<String> seen = new ArrayList<>();
        String marker = null;
        int pages = 0;
        do {
            String m = marker;
            ListInstanceProfilesResponse page = iam.listInstanceProfiles(r -> r.pathPrefix("/fleet/").maxItems(3).marker(m));
            page.instanceProfiles().forEach(p -> {
                seen.add(p.instanceProfileName());
                assertThat(p.hasTags()).isFalse();
            });
            assertThat(page.isTruncated()).isEqualTo(page.marker() != null);
            marker = page.marker();
            pages++;
        } while (marker != null);
        assertThat(seen).containsExactly("a", "b", "c", "d");
        assertThat(pages).isEqualTo(2);
        assertThat(iam.listInstanceProfilesPaginator(r -> r.maxItems(1)).instanceProfiles()).hasSize(5);
    }

    @Test
    void tagsOfAProfile() {
        iam.createInstanceProfile(r -> r.instanceProfileName("p").tags(Tag.builder().key("Env").value("prod").build()));
        iam.tagInstanceProfile(r -> r.instanceProfileName("p").tags(Tag.builder().key("env").value("test").build(),
                Tag.builder().key("owner").value("ops").build(), Tag.builder().key("cost").value("7").build()));
        ListInstanceProfileTagsResponse page = iam.listInstanceProfileTags(r -> r.instanceProfileName("p").maxItems(2));
        assertThat(page.tags()).extracting(Tag::key).containsExactly("cost", "env");
        assertThat(page.isTruncated()).isTrue();
        assertThat(iam.listInstanceProfileTags(r -> r.instanceProfileName("p").marker(page.marker())).tags())
                .extracting(Tag::key, Tag::value).containsExactly(tuple("owner", "ops"));
        iam.untagInstanceProfile(r -> r.instanceProfileName("p").tagKeys("ENV", "never-there"));
        assertThat(iam.getInstanceProfile(r -> r.instanceProfileName("p")).instanceProfile().tags()).extracting(Tag::key)
                .containsExactlyInAnyOrder("owner", "cost");
        List<Tag> tooMany = IntStream.range(0, 49).mapToObj(i -> Tag.builder().key("t" + i).value("v").build()).toList();
        assertError(() -> iam.tagInstanceProfile(r -> r.instanceProfileName("p").tags(tooMany)), 409, "LimitExceeded",
                "Cannot exceed quota for TagsPerInstanceProfile: 50");
        assertError(() -> iam.tagInstanceProfile(r -> r.instanceProfileName("q").tags(tooMany)), 404, "NoSuchEntity",
                "Instance Profile q cannot be found.");
    }

    @Test
    void policiesNamingInstanceProfileArnsDecide() {
        iam.createInstanceProfile(r -> r.instanceProfileName("front").path("/web/"));
        iam.createInstanceProfile(r -> r.instanceProfileName("jobs").path("/batch/"));
        iam.createUser(r -> r.userName("operator"));
        iam.putUserPolicy(r -> r.userName("operator").policyName("web-profiles").policyDocument("{\"Version\":\"2012-10-17\","
                + "\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"iam:GetInstanceProfile\",\"iam:TagInstanceProfile\"],"
                + "\"Resource\":\"arn:aws:iam::111122223333:instance-profile/web/*\"}]}"));
        AwsCredentials key = SignedClients.of(iam.createAccessKey(r -> r.userName("operator")).accessKey());
        try (IamClient operator = SignedClients.iam(endpoint, key)) {
            assertThat(operator.getInstanceProfile(r -> r.instanceProfileName("front")).instanceProfile().path())
                    .isEqualTo("/web/");
            operator.tagInstanceProfile(r -> r.instanceProfileName("front").tags(Tag.builder().key("a").value("b").build()));
            assertError(() -> operator.getInstanceProfile(r -> r.instanceProfileName("jobs")), 403, "AccessDenied",
                    "User: arn:aws:iam::111122223333:user/operator is not authorized to perform: iam:GetInstanceProfile on"
                            + " resource: arn:aws:iam::111122223333:instance-profile/batch/jobs because no identity-based"
                            + " policy allows the iam:GetInstanceProfile action");
            assertError(() -> operator.createInstanceProfile(r -> r.instanceProfileName("new").path("/batch/")), 403,
                    "AccessDenied", null);
        }
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
