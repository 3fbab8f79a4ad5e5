package berth.e2e.iam;

import berth.e2e.Policies;

import berth.junit5.BerthTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.PermissionsBoundaryAttachmentType;
import software.amazon.awssdk.services.iam.model.Role;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Permissions boundaries cap what a user's or role's policies grant. */
@BerthTest(accountId = "111122223333", reset = BerthTest.Reset.PER_TEST, resetServices = "iam")
class IamPermissionsBoundariesTest {
    private static final String ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";
    private static final String BOUNDARY = "arn:aws:iam::111122223333:policy/boundaries/list-only";
    private static final String TRUST = Policies.trustAws("arn:aws:iam::111122223333:root");

    private final URI endpoint;
    private final IamClient iam;

    IamPermissionsBoundariesTest(URI endpoint) {
        this.endpoint = endpoint;
        this.iam = SignedClients.iam(endpoint, SignedClients.ROOT);
    }

    private void createBoundary() {
        iam.createPolicy(r -> r.policyName("list-only").path("/boundaries/").policyDocument("{\"Version\":\"2012-10-17\","
                + "\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"iam:List*\",\"sts:*\"],\"Resource\":\"*\"},"
                + "{\"Effect\":\"Deny\",\"Action\":\"iam:ListUsers\",\"Resource\":\"*\"}]}"));
    }

    @Test
    void aUsersBoundaryCapsItsAdministratorAccess() {
        createBoundary();
        iam.createUser(r -> r.userName("admin").permissionsBoundary(BOUNDARY));
        iam.attachUserPolicy(r -> r.userName("admin").policyArn(ADMIN));
        assertThat(iam.getUser(r -> r.userName("admin")).user().permissionsBoundary()).satisfies(b -> {
            assertThat(b.permissionsBoundaryArn()).isEqualTo(BOUNDARY);
            assertThat(b.permissionsBoundaryType()).isEqualTo(PermissionsBoundaryAttachmentType.PERMISSIONS_BOUNDARY_POLICY);
        });
        AwsCredentials key = SignedClients.of(iam.createAccessKey(r -> r.userName("admin")).accessKey());
        try (IamClient admin = SignedClients.iam(endpoint, key)) {
            admin.listRoles();
            assertError(() -> admin.createRole(r -> r.roleName("x").assumeRolePolicyDocument(TRUST)), 403, "AccessDenied",
                    "User: arn:aws:iam::111122223333:user/admin is not authorized to perform: iam:CreateRole on resource:"
                            + " arn:aws:iam::111122223333:role/x because no permissions boundary allows the iam:CreateRole"
                            + " action");
            assertError(admin::listUsers, 403, "AccessDenied", "User: arn:aws:iam::111122223333:user/admin is not"
                    + " authorized to perform: iam:ListUsers on resource: * with an explicit deny in a permissions boundary");

            iam.deleteUserPermissionsBoundary(r -> r.userName("admin"));
            admin.listUsers();
            admin.createRole(r -> r.roleName("x").assumeRolePolicyDocument(TRUST));
            iam.putUserPermissionsBoundary(r -> r.userName("admin").permissionsBoundary(BOUNDARY));
            assertError(() -> admin.deleteRole(r -> r.roleName("x")), 403, "AccessDenied", null);
        }
        assertThat(iam.getPolicy(r -> r.policyArn(BOUNDARY)).policy().permissionsBoundaryUsageCount()).isEqualTo(1);
        assertError(() -> iam.deletePolicy(r -> r.policyArn(BOUNDARY)), 409, "DeleteConflict",
                "Cannot delete a policy attached to entities.");
    }

    @Test
    void aRolesBoundaryCapsItsSessions() {
        createBoundary();
        iam.createRole(r -> r.roleName("ops").assumeRolePolicyDocument(TRUST).permissionsBoundary(BOUNDARY));
        iam.attachRolePolicy(r -> r.roleName("ops").policyArn(ADMIN));
        Role role = iam.getRole(r -> r.roleName("ops")).role();
        assertThat(role.permissionsBoundary().permissionsBoundaryArn()).isEqualTo(BOUNDARY);
        assertThat(iam.listRoles().roles()).singleElement().satisfies(listed -> assertThat(listed.permissionsBoundary()).isNull());
        try (var sts = SignedClients.sts(endpoint, SignedClients.ROOT)) {
            var session = sts.assumeRole(r -> r.roleArn(role.arn()).roleSessionName("s1")).credentials();
            try (IamClient ops = SignedClients.iam(endpoint, SignedClients.of(session))) {
                ops.listRoles();
                assertError(() -> ops.getRole(r -> r.roleName("ops")), 403, "AccessDenied",
                        "User: arn:aws:sts::111122223333:assumed-role/ops/s1 is not authorized to perform: iam:GetRole on"
                                + " resource: arn:aws:iam::111122223333:role/ops because no permissions boundary allows the"
                                + " iam:GetRole action");
                iam.deleteRolePermissionsBoundary(r -> r.roleName("ops"));
                assertThat(ops.getRole(r -> r.roleName("ops")).role().permissionsBoundary()).isNull();
            }
        }
        assertError(() -> iam.putRolePermissionsBoundary(r -> r.roleName("ops")
                .permissionsBoundary("arn:aws:iam::111122223333:policy/none")), 404, "NoSuchEntity",
                "Policy arn:aws:iam::111122223333:policy/none does not exist or is not attachable.");
        assertError(() -> iam.createUser(r -> r.userName("u").permissionsBoundary("policy/boundaries/list-only")), 400, "InvalidInput",
                "ARN policy/boundaries/list-only is not valid.");
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
