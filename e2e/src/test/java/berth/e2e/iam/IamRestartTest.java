package berth.e2e.iam;

import berth.e2e.BerthProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.EcsException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Users, access keys, roles, policies and role sessions survive a SIGKILL and restart. */
class IamRestartTest {
    @TempDir
    Path home;

    @Test
    void identitiesAndCredentialsSurviveKillNine() throws Exception {
        try (BerthProcess berth = BerthProcess.start(home, Map.of("BERTH_ACCOUNT_ID", "333344445555"))) {
            AwsCredentials userKey;
            AwsCredentials session;
            String roleId;
            try (IamClient iam = SignedClients.iam(berth.endpoint(), SignedClients.ROOT);
                 StsClient sts = SignedClients.sts(berth.endpoint(), SignedClients.ROOT)) {
                iam.createUser(r -> r.userName("keeper"));
                userKey = SignedClients.of(iam.createAccessKey(r -> r.userName("keeper")).accessKey());
                String policyArn = iam.createPolicy(r -> r.policyName("list-only").policyDocument(
                        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"ecs:ListClusters\","
                                + "\"Resource\":\"*\"}]}")).policy().arn();
                iam.attachUserPolicy(r -> r.userName("keeper").policyArn(policyArn));
                String roleArn = iam.createRole(r -> r.roleName("durable").assumeRolePolicyDocument(
                        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                                + "\"333344445555\"},\"Action\":\"sts:AssumeRole\"}]}")).role().arn();
                roleId = iam.getRole(r -> r.roleName("durable")).role().roleId();
                iam.attachRolePolicy(r -> r.roleName("durable").policyArn("arn:aws:iam::aws:policy/ReadOnlyAccess"));
                session = SignedClients.of(sts.assumeRole(r -> r.roleArn(roleArn).roleSessionName("before-crash")).credentials());
            }

            berth.kill9();
            berth.restart();

            try (IamClient iam = SignedClients.iam(berth.endpoint(), SignedClients.ROOT);
                 StsClient asUser = SignedClients.sts(berth.endpoint(), userKey);
                 EcsClient userEcs = SignedClients.ecs(berth.endpoint(), userKey, "us-east-1");
                 StsClient asRole = SignedClients.sts(berth.endpoint(), session);
                 EcsClient roleEcs = SignedClients.ecs(berth.endpoint(), session, "us-east-1")) {
                assertThat(iam.getRole(r -> r.roleName("durable")).role().roleId()).isEqualTo(roleId);
                assertThat(iam.listAttachedRolePolicies(r -> r.roleName("durable")).attachedPolicies())
                        .extracting(p -> p.policyName()).containsExactly("ReadOnlyAccess");
                assertThat(asUser.getCallerIdentity().arn()).isEqualTo("arn:aws:iam::333344445555:user/keeper");
                userEcs.listClusters();
                assertThatThrownBy(() -> userEcs.createCluster(r -> r.clusterName("x"))).isInstanceOf(EcsException.class);
                assertThat(asRole.getCallerIdentity().arn()).isEqualTo("arn:aws:sts::333344445555:assumed-role/durable/before-crash");
                roleEcs.describeClusters();
                assertThatThrownBy(() -> roleEcs.createCluster(r -> r.clusterName("x"))).isInstanceOf(EcsException.class);
            }
        }
    }
}
