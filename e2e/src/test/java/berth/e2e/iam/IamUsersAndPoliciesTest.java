package berth.e2e.iam;

import berth.junit5.BerthTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.EcsException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.sts.model.StsException;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** IAM users sign with their own access keys; their policies decide what they may do. */
@BerthTest(accountId = "111122223333", reset = BerthTest.Reset.PER_TEST, resetServices = "iam")
class IamUsersAndPoliciesTest {
    private static final String ACCOUNT = "111122223333";
    private final URI endpoint;
    private final IamClient root;

    IamUsersAndPoliciesTest(URI endpoint) {
        this.endpoint = endpoint;
        this.root = SignedClients.iam(endpoint, SignedClients.ROOT);
    }

    private AwsCredentials newUserKey(String name) {
        root.createUser(r -> r.userName(name).path("/team/"));
        AccessKey key = root.createAccessKey(r -> r.userName(name)).accessKey();
        assertThat(key.accessKeyId()).startsWith("AKIA").hasSize(20);
        assertThat(key.secretAccessKey()).hasSize(40);
        assertThat(key.statusAsString()).isEqualTo("Active");
        return SignedClients.of(key);
    }

    @Test
    void aUserKeySignsAsTheUser() {
        AwsCredentials alice = newUserKey("alice");
        try (var sts = SignedClients.sts(endpoint, alice)) {
            var me = sts.getCallerIdentity();
            assertThat(me.arn()).isEqualTo("arn:aws:iam::111122223333:user/team/alice");
            assertThat(me.account()).isEqualTo(ACCOUNT);
            assertThat(me.userId()).startsWith("AIDA").hasSize(21)
                    .isEqualTo(root.getUser(r -> r.userName("alice")).user().userId());
        }
    }

    @Test
    void withoutPoliciesEveryCallIsDeniedInTheProtocolsOwnWay() {
        AwsCredentials bob = newUserKey("bob");
        try (EcsClient ecs = SignedClients.ecs(endpoint, bob, "us-east-1")) {
            assertThatThrownBy(ecs::listClusters).isInstanceOfSatisfying(EcsException.class, e -> {
                assertThat(e.statusCode()).isEqualTo(400);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
                assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User: arn:aws:iam::111122223333:user/team/bob"
                        + " is not authorized to perform: ecs:ListClusters on resource: * because no identity-based policy"
                        + " allows the ecs:ListClusters action");
            });
        }
        try (IamClient iam = SignedClients.iam(endpoint, bob)) {
            assertThatThrownBy(iam::listUsers).isInstanceOfSatisfying(IamException.class, e -> {
                assertThat(e.statusCode()).isEqualTo(403);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                assertThat(e.awsErrorDetails().errorMessage()).startsWith(
                        "User: arn:aws:iam::111122223333:user/team/bob is not authorized to perform: iam:ListUsers");
            });
        }
        try (var sts = SignedClients.sts(endpoint, bob)) {
            assertThat(sts.getCallerIdentity().arn()).endsWith(":user/team/bob");
        }
    }

    @Test
    void anInlinePolicyAllowsWhatItSaysInTheRegionsItNames() {
        AwsCredentials carol = newUserKey("carol");
        root.putUserPolicy(r -> r.userName("carol").policyName("ecs-read-us-east-1").policyDocument("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ecs:List*","ecs:Describe*"],
                 "Resource":"*","Condition":{"StringEquals":{"aws:RequestedRegion":"us-east-1"}}}]}"""));
        try (EcsClient east = SignedClients.ecs(endpoint, carol, "us-east-1");
             EcsClient west = SignedClients.ecs(endpoint, carol, "eu-west-1")) {
            assertThat(east.listClusters().clusterArns()).isNotNull();
            assertThatThrownBy(west::listClusters).isInstanceOfSatisfying(EcsException.class, e ->
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException"));
            assertThatThrownBy(() -> east.createCluster(r -> r.clusterName("x"))).isInstanceOfSatisfying(EcsException.class,
                    e -> assertThat(e.awsErrorDetails().errorMessage()).contains("ecs:CreateCluster on resource: "
                            + "arn:aws:ecs:us-east-1:111122223333:cluster/x because no identity-based policy allows"));
        }
    }

    @Test
    void anExplicitDenyWinsOverAdministratorAccess() {
        AwsCredentials dave = newUserKey("dave");
        root.attachUserPolicy(r -> r.userName("dave").policyArn("arn:aws:iam::aws:policy/AdministratorAccess"));
        root.putUserPolicy(r -> r.userName("dave").policyName("no-prod").policyDocument("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"ecs:*",
                 "Resource":"arn:aws:ecs:*:*:cluster/prod-*"}]}"""));
        try (EcsClient ecs = SignedClients.ecs(endpoint, dave, "us-east-1")) {
            ecs.createCluster(r -> r.clusterName("dev-1"));
            assertThatThrownBy(() -> ecs.createCluster(r -> r.clusterName("prod-1"))).isInstanceOfSatisfying(EcsException.class,
                    e -> assertThat(e.awsErrorDetails().errorMessage()).endsWith("with an explicit deny in an identity-based policy"));
            assertThatThrownBy(() -> ecs.describeClusters(r -> r.clusters("dev-1", "prod-1")))
                    .isInstanceOf(EcsException.class);
        }
        try (IamClient iam = SignedClients.iam(endpoint, dave)) {
            assertThat(iam.listUsers().users()).extracting(u -> u.userName()).contains("dave");
        }
    }

    @Test
    void aManagedPolicyAttachedLaterTakesEffectAndDetachingRevokesIt() {
        AwsCredentials erin = newUserKey("erin");
        String arn = root.createPolicy(r -> r.policyName("ecs-list").path("/ops/").policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"ecs:ListClusters\",\"Resource\":\"*\"}]}"))
                .policy().arn();
        assertThat(arn).isEqualTo("arn:aws:iam::111122223333:policy/ops/ecs-list");
        try (EcsClient ecs = SignedClients.ecs(endpoint, erin, "us-east-1")) {
            assertThatThrownBy(ecs::listClusters).isInstanceOf(EcsException.class);
            root.attachUserPolicy(r -> r.userName("erin").policyArn(arn));
            ecs.listClusters();
            assertThat(root.getPolicy(r -> r.policyArn(arn)).policy().attachmentCount()).isEqualTo(1);
            assertThatThrownBy(() -> root.deletePolicy(r -> r.policyArn(arn))).isInstanceOfSatisfying(IamException.class,
                    e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("DeleteConflict"));
            root.detachUserPolicy(r -> r.userName("erin").policyArn(arn));
            assertThatThrownBy(ecs::listClusters).isInstanceOf(EcsException.class);
            root.deletePolicy(r -> r.policyArn(arn));
        }
    }

    @Test
    void inactiveAndDeletedKeysCannotSign() {
        AwsCredentials frank = newUserKey("frank");
        try (var sts = SignedClients.sts(endpoint, frank)) {
            sts.getCallerIdentity();
            root.updateAccessKey(r -> r.userName("frank").accessKeyId(frank.accessKeyId()).status(StatusType.INACTIVE));
            assertThat(root.listAccessKeys(r -> r.userName("frank")).accessKeyMetadata())
                    .singleElement().satisfies(k -> assertThat(k.status()).isEqualTo(StatusType.INACTIVE));
            assertThatThrownBy(sts::getCallerIdentity).isInstanceOfSatisfying(StsException.class, e ->
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId"));
            root.updateAccessKey(r -> r.userName("frank").accessKeyId(frank.accessKeyId()).status(StatusType.ACTIVE));
            sts.getCallerIdentity();
            root.deleteAccessKey(r -> r.userName("frank").accessKeyId(frank.accessKeyId()));
            assertThatThrownBy(sts::getCallerIdentity).isInstanceOfSatisfying(StsException.class, e ->
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId"));
        }
    }

    @Test
    void aUserWithSelfServicePolicyManagesOnlyItsOwnKeys() {
        AwsCredentials gina = newUserKey("gina");
        root.createUser(r -> r.userName("hank"));
        root.putUserPolicy(r -> r.userName("gina").policyName("own-keys").policyDocument("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:*AccessKey*"],
                 "Resource":"arn:aws:iam::*:user/team/${aws:username}"}]}"""));
        try (IamClient iam = SignedClients.iam(endpoint, gina)) {
            assertThat(iam.listAccessKeys().accessKeyMetadata()).hasSize(1);
            var second = iam.createAccessKey().accessKey();
            assertThat(second.userName()).isEqualTo("gina");
            assertThatThrownBy(() -> iam.createAccessKey(r -> r.userName("hank"))).isInstanceOfSatisfying(IamException.class,
                    e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
            assertThatThrownBy(iam::createAccessKey).isInstanceOfSatisfying(IamException.class, e -> {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("LimitExceeded");
                assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Cannot exceed quota for AccessKeysPerUser: 2");
            });
        }
    }

    @Test
    void entitiesFollowIamsRules() {
        root.createUser(r -> r.userName("ivy"));
        assertThatThrownBy(() -> root.createUser(r -> r.userName("IVY"))).isInstanceOfSatisfying(IamException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(409);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("EntityAlreadyExists");
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User with name IVY already exists.");
        });
        assertThatThrownBy(() -> root.getUser(r -> r.userName("nobody"))).isInstanceOfSatisfying(IamException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(404);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchEntity");
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The user with name nobody cannot be found.");
        });
        assertThatThrownBy(() -> root.createUser(r -> r.userName("bad name"))).isInstanceOfSatisfying(IamException.class,
                e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
        root.createAccessKey(r -> r.userName("ivy"));
        assertThatThrownBy(() -> root.deleteUser(r -> r.userName("ivy"))).isInstanceOfSatisfying(IamException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("DeleteConflict");
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Cannot delete entity, must delete access keys first.");
        });
        assertThatThrownBy(() -> root.attachUserPolicy(r -> r.userName("ivy").policyArn("arn:aws:iam::aws:policy/NoSuch")))
                .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchEntity"));
    }

    @Test
    void listPoliciesByScope() {
        root.createPolicy(r -> r.policyName("mine").policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"ecs:List*\",\"Resource\":\"*\"}]}"));
        assertThat(root.listPolicies(r -> r.scope("Local")).policies()).extracting(p -> p.policyName()).containsExactly("mine");
        assertThat(root.listPolicies(r -> r.scope("AWS")).policies()).extracting(p -> p.arn())
                .contains("arn:aws:iam::aws:policy/AdministratorAccess", "arn:aws:iam::aws:policy/ReadOnlyAccess",
                        "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy")
                .doesNotContain("arn:aws:iam::111122223333:policy/mine");
        assertThat(root.listPolicies(r -> r.onlyAttached(true)).policies()).isEmpty();
        var version = root.getPolicyVersion(r -> r.policyArn("arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy")
                .versionId("v1")).policyVersion();
        assertThat(java.net.URLDecoder.decode(version.document(), java.nio.charset.StandardCharsets.UTF_8))
                .contains("ecr:GetAuthorizationToken", "logs:PutLogEvents");
        assertThat(version.isDefaultVersion()).isTrue();
    }
}
