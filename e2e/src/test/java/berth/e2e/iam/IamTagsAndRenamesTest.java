package berth.e2e.iam;

import berth.e2e.Policies;

import berth.junit5.BerthTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.ListRoleTagsResponse;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;

import java.net.URI;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

/** Tags of roles and users (keys unique regardless of case), role descriptions, and renaming a user. */
@BerthTest(accountId = "111122223333", reset = BerthTest.Reset.PER_TEST, resetServices = "iam")
class IamTagsAndRenamesTest {
    private static final String TRUST = Policies.trustAws("arn:aws:iam::111122223333:root");

    private final URI endpoint;
    private final IamClient iam;

    IamTagsAndRenamesTest(URI endpoint) {
        this.endpoint = endpoint;
        this.iam = SignedClients.iam(endpoint, SignedClients.ROOT);
    }

    @Test
    void roleTagsAndDescription() {
        iam.createRole(r -> r.roleName("web").assumeRolePolicyDocument(TRUST)
                .tags(Tag.builder().key("Env").value("prod").build()));
        iam.tagRole(r -> r.roleName("web").tags(Tag.builder().key("env").value("test").build(),
                Tag.builder().key("owner").value("ops").build(), Tag.builder().key("cost").value("7").build()));
        ListRoleTagsResponse page = iam.listRoleTags(r -> r.roleName("web").maxItems(2));
        assertThat(page.tags()).extracting(Tag::key, Tag::value).containsExactly(tuple("cost", "7"), tuple("env", "test"));
        assertThat(page.isTruncated()).isTrue();
        assertThat(iam.listRoleTags(r -> r.roleName("web").marker(page.marker())).tags()).extracting(Tag::key)
                .containsExactly("owner");
        iam.untagRole(r -> r.roleName("web").tagKeys("ENV", "cost", "never-there"));
        assertThat(iam.getRole(r -> r.roleName("web")).role().tags()).extracting(Tag::key).containsExactly("owner");

        Role described = iam.updateRoleDescription(r -> r.roleName("web").description("serves the site")).role();
        assertThat(described.description()).isEqualTo("serves the site");
        assertThat(iam.getRole(r -> r.roleName("web")).role().description()).isEqualTo("serves the site");
        assertError(() -> iam.tagRole(r -> r.roleName("nobody").tags(Tag.builder().key("a").value("b").build())), 404,
                "NoSuchEntity", "The role with name nobody cannot be found.");
        List<Tag> fifty = IntStream.range(0, 50).mapToObj(i -> Tag.builder().key("t" + i).value("v").build()).toList();
        assertError(() -> iam.tagRole(r -> r.roleName("web").tags(fifty)), 409, "LimitExceeded",
                "Cannot exceed quota for TagsPerRole: 50");
        assertThat(iam.listRoleTags(r -> r.roleName("web")).tags()).extracting(Tag::key).containsExactly("owner");
    }

    @Test
    void userTagsAndARenameThatKeepsTheKey() {
        iam.createUser(r -> r.userName("ci").path("/build/").tags(Tag.builder().key("team").value("dev").build()));
        iam.tagUser(r -> r.userName("ci").tags(Tag.builder().key("pipeline").value("main").build()));
        assertThat(iam.listUserTags(r -> r.userName("ci")).tags()).extracting(Tag::key).containsExactly("pipeline", "team");
        iam.untagUser(r -> r.userName("ci").tagKeys("team"));
        assertThat(iam.getUser(r -> r.userName("ci")).user().tags()).extracting(Tag::key).containsExactly("pipeline");
        assertThat(iam.listGroupsForUser(r -> r.userName("ci")).groups()).isEmpty();

        iam.putUserPolicy(r -> r.userName("ci").policyName("me").policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":"
                + "[{\"Effect\":\"Allow\",\"Action\":\"iam:GetUser\",\"Resource\":\"*\"}]}"));
        var key = iam.createAccessKey(r -> r.userName("ci")).accessKey();
        String userId = iam.getUser(r -> r.userName("ci")).user().userId();
        iam.createUser(r -> r.userName("taken"));
        assertError(() -> iam.updateUser(r -> r.userName("ci").newUserName("TAKEN")), 409, "EntityAlreadyExists",
                "User with name TAKEN already exists.");
        iam.updateUser(r -> r.userName("ci").newUserName("builder").newPath("/deploy/"));
        assertError(() -> iam.getUser(r -> r.userName("ci")), 404, "NoSuchEntity", "The user with name ci cannot be found.");
        var renamed = iam.getUser(r -> r.userName("builder")).user();
        assertThat(renamed.arn()).isEqualTo("arn:aws:iam::111122223333:user/deploy/builder");
        assertThat(renamed.userId()).isEqualTo(userId);
        assertThat(renamed.tags()).extracting(Tag::key).containsExactly("pipeline");
        assertThat(iam.listUserPolicies(r -> r.userName("builder")).policyNames()).containsExactly("me");
        try (IamClient builder = SignedClients.iam(endpoint, SignedClients.of(key))) {
            assertThat(builder.getUser().user().arn()).isEqualTo("arn:aws:iam::111122223333:user/deploy/builder");
        }
        assertThat(iam.listAccessKeys(r -> r.userName("builder")).accessKeyMetadata()).singleElement()
                .satisfies(k -> assertThat(k.accessKeyId()).isEqualTo(key.accessKeyId()));
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
