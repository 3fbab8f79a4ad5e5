package berth.e2e.iam;

import berth.e2e.Policies;

import berth.junit5.BerthTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.ListRolesResponse;
import software.amazon.awssdk.services.iam.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.iam.model.Role;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Roles, their inline and attached policies, listings in pages, and the documents IAM refuses. */
@BerthTest(accountId = "111122223333", reset = BerthTest.Reset.PER_TEST, resetServices = "iam")
class IamRolesTest {
    private static final String TRUST = Policies.trustService("ecs-tasks.amazonaws.com");
    private static final String ECS_READ = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"ecs:Describe*\",\"Resource\":\"*\"}]}";

    private final IamClient iam;

    IamRolesTest(URI endpoint) {
        this.iam = SignedClients.iam(endpoint, SignedClients.ROOT);
    }

    @Test
    void listRolesInPagesWithMarkers() {
        for (String name : List.of("a-role", "b-role", "c-role", "d-role", "e-role")) {
            iam.createRole(r -> r.roleName(name).path(name.startsWith("e") ? "/other/" : "/team/")
                    .assumeRolePolicyDocument(TRUST).description("role " + name).tags(t -> t.key("k").value(name)));
        }
        List<String> seen = new ArrayList<>();
        String marker = null;
        int pages = 0;
        do {
            String m = marker;
            ListRolesResponse page = iam.listRoles(r -> r.pathPrefix("/team/").maxItems(2).marker(m));
            page.roles().forEach(role -> seen.add(role.roleName()));
            assertThat(page.isTruncated()).isEqualTo(page.marker() != null);
            marker = page.marker();
            pages++;
        } while (marker != null);
        assertThat(seen).containsExactly("a-role", "b-role", "c-role", "d-role");
        assertThat(pages).isEqualTo(2);
        assertThat(iam.listRoles().roles()).hasSize(5);
        assertThat(iam.listRolesPaginator(r -> r.maxItems(1)).roles().stream().map(Role::roleName).toList()).hasSize(5);

        Role fetched = iam.getRole(r -> r.roleName("A-ROLE")).role();
        assertThat(fetched.roleName()).isEqualTo("a-role");
        assertThat(fetched.description()).isEqualTo("role a-role");
        assertThat(fetched.maxSessionDuration()).isEqualTo(3600);
        assertThat(fetched.tags()).singleElement().satisfies(t -> assertThat(t.value()).isEqualTo("a-role"));
        assertThatThrownBy(() -> iam.createRole(r -> r.roleName("A-Role").assumeRolePolicyDocument(TRUST)))
                .isInstanceOfSatisfying(IamException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("EntityAlreadyExists");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Role with name A-Role already exists.");
                });
    }

    @Test
    void inlineAndAttachedPoliciesOfARole() {
        iam.createRole(r -> r.roleName("worker").assumeRolePolicyDocument(TRUST));
        iam.putRolePolicy(r -> r.roleName("worker").policyName("read").policyDocument(ECS_READ));
        iam.attachRolePolicy(r -> r.roleName("worker")
                .policyArn("arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"));
        iam.attachRolePolicy(r -> r.roleName("worker")
                .policyArn("arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"));

        assertThat(iam.listRolePolicies(r -> r.roleName("worker")).policyNames()).containsExactly("read");
        var inline = iam.getRolePolicy(r -> r.roleName("worker").policyName("read"));
        assertThat(URLDecoder.decode(inline.policyDocument(), StandardCharsets.UTF_8)).isEqualTo(ECS_READ);
        assertThat(iam.listAttachedRolePolicies(r -> r.roleName("worker")).attachedPolicies())
                .singleElement().satisfies(p -> assertThat(p.policyName()).isEqualTo("AmazonECSTaskExecutionRolePolicy"));
        assertThat(iam.listPolicies(r -> r.onlyAttached(true)).policies()).singleElement()
                .satisfies(p -> assertThat(p.attachmentCount()).isEqualTo(1));

        assertThatThrownBy(() -> iam.deleteRole(r -> r.roleName("worker"))).isInstanceOfSatisfying(IamException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(409);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("DeleteConflict");
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Cannot delete entity, must delete policies first.");
        });
        iam.deleteRolePolicy(r -> r.roleName("worker").policyName("read"));
        assertThatThrownBy(() -> iam.deleteRole(r -> r.roleName("worker"))).isInstanceOfSatisfying(IamException.class, e ->
                assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Cannot delete entity, must detach all policies first."));
        iam.detachRolePolicy(r -> r.roleName("worker")
                .policyArn("arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"));
        iam.deleteRole(r -> r.roleName("worker"));
        assertThatThrownBy(() -> iam.getRole(r -> r.roleName("worker"))).isInstanceOfSatisfying(IamException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(404);
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The role with name worker cannot be found.");
        });
        assertThatThrownBy(() -> iam.getRolePolicy(r -> r.roleName("nobody").policyName("x")))
                .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchEntity"));
    }

    @Test
    void badPolicyDocumentsAreRefusedWithIamsMessages() {
        assertThatThrownBy(() -> iam.createRole(r -> r.roleName("r").assumeRolePolicyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"111122223333\"},"
                        + "\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\"}]}")))
                .isInstanceOfSatisfying(MalformedPolicyDocumentException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Has prohibited field Resource");
                });
        iam.createRole(r -> r.roleName("r").assumeRolePolicyDocument(TRUST));
        assertThatThrownBy(() -> iam.putRolePolicy(r -> r.roleName("r").policyName("p").policyDocument("{not json")))
                .isInstanceOfSatisfying(MalformedPolicyDocumentException.class, e ->
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("This policy contains invalid Json"));
        assertThatThrownBy(() -> iam.putRolePolicy(r -> r.roleName("r").policyName("p").policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Maybe\",\"Action\":\"*\",\"Resource\":\"*\"}]}")))
                .isInstanceOf(MalformedPolicyDocumentException.class);
        assertThatThrownBy(() -> iam.createPolicy(r -> r.policyName("p").policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"ListClusters\",\"Resource\":\"*\"}]}")))
                .isInstanceOfSatisfying(MalformedPolicyDocumentException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc."));
        assertThatThrownBy(() -> iam.updateAssumeRolePolicy(r -> r.roleName("r").policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\"}]}")))
                .isInstanceOfSatisfying(MalformedPolicyDocumentException.class, e ->
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Missing required field Principal"));
        assertThat(iam.listPolicies(r -> r.scope("Local")).policies()).isEmpty();
        assertThat(iam.listRolePolicies(r -> r.roleName("r")).policyNames()).isEmpty();
    }
}
