package berth.registry.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RegistryPolicyTest {
    static final RepositoryPolicy.Principal SOURCE = RepositoryPolicy.Principal.root("111111111111");
    static final RepositoryPolicy.Principal STRANGER = RepositoryPolicy.Principal.root("222222222222");

    static String policy(String statements) {
        return ("{'Version':'2012-10-17','Statement':[" + statements + "]}").replace('\'', '"');
    }

    @Test
    void grantsReplicationToNamedAccountsOnMatchingRepositoriesAndDenyWins() {
        RegistryPolicy policy = RegistryPolicy.parse(policy(
                "{'Sid':'Replication','Effect':'Allow','Principal':{'AWS':'arn:aws:iam::111111111111:root'},"
                        + "'Action':['ecr:CreateRepository','ecr:ReplicateImage'],'Resource':['arn:aws:ecr:us-west-2:000000000000:repository/prod-*']},"
                        + "{'Effect':'Deny','Principal':'*','Action':'ecr:*','Resource':'arn:aws:ecr:us-west-2:000000000000:repository/prod-secret'}"));
        String prodApi = "arn:aws:ecr:us-west-2:000000000000:repository/prod-api";
        assertThat(policy.allows(SOURCE, "ecr:ReplicateImage", prodApi)).isTrue();
        assertThat(policy.allows(SOURCE, "ecr:CreateRepository", prodApi)).isTrue();
        assertThat(policy.allows(STRANGER, "ecr:ReplicateImage", prodApi)).isFalse();
        assertThat(policy.allows(SOURCE, "ecr:ReplicateImage", "arn:aws:ecr:us-west-2:000000000000:repository/dev-api")).isFalse();
        assertThat(policy.allows(SOURCE, "ecr:ReplicateImage", "arn:aws:ecr:us-west-2:000000000000:repository/prod-secret")).isFalse();
        assertThat(RegistryPolicy.NONE.allows(SOURCE, "ecr:ReplicateImage", prodApi)).isFalse();
        assertThat(RegistryPolicy.parse(policy("{'Effect':'Allow','Principal':{'AWS':'111111111111'},'Action':'ecr:*','Resource':'*'}"))
                .allows(SOURCE, "ecr:ReplicateImage", prodApi)).isTrue();
    }

    @Test
    void aPolicyWithoutPrincipalOrResourceOrGrantingOtherActionsIsRefused() {
        assertThatThrownBy(() -> RegistryPolicy.parse(policy("{'Effect':'Allow','Action':'ecr:ReplicateImage','Resource':'*'}")))
                .isInstanceOf(InvalidPolicy.class).hasMessageStartingWith("Invalid registry policy provided");
        assertThatThrownBy(() -> RegistryPolicy.parse(policy("{'Effect':'Allow','Principal':'*','Action':'ecr:ReplicateImage'}")))
                .isInstanceOf(InvalidPolicy.class).hasMessageContaining("Resource is required");
        assertThatThrownBy(() -> RegistryPolicy.parse(policy("{'Effect':'Allow','Principal':'*','Action':'ecr:BatchGetImage','Resource':'*'}")))
                .isInstanceOf(InvalidPolicy.class).hasMessageContaining("cannot grant ecr:BatchGetImage");
        assertThatThrownBy(() -> RegistryPolicy.parse(policy("{'Effect':'Allow','Principal':'*','Action':'ecr:ReplicateImage',"
                + "'Resource':'arn:aws:s3:::bucket'}"))).isInstanceOf(InvalidPolicy.class);
        assertThatThrownBy(() -> RegistryPolicy.parse(policy("{'Effect':'Allow','Principal':'*','Action':'ecr:ReplicateImage',"
                + "'Resource':'*','Condition':{}}"))).isInstanceOf(InvalidPolicy.class).hasMessageContaining("Condition");
        assertThatThrownBy(() -> RegistryPolicy.parse("not json")).isInstanceOf(InvalidPolicy.class);
    }
}
