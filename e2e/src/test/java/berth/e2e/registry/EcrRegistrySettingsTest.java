package berth.e2e.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.e2e.AwsCli;
import berth.junit5.BerthTest;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.InvalidParameterException;
import software.amazon.awssdk.services.ecr.model.RegistryPolicyNotFoundException;
import software.amazon.awssdk.services.ecr.model.ReplicationDestination;
import software.amazon.awssdk.services.ecr.model.ReplicationRule;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.ecr.model.RepositoryFilterType;
import software.amazon.awssdk.services.ecr.model.RepositoryScanningConfiguration;
import software.amazon.awssdk.services.ecr.model.ScanFrequency;
import software.amazon.awssdk.services.ecr.model.ScanType;
import software.amazon.awssdk.services.ecr.model.ScanningRepositoryFilterType;

/** DescribeRegistry, PutReplicationConfiguration, registry policies and registry scanning, with ECR's defaults and errors. */
@BerthTest(reset = BerthTest.Reset.PER_TEST, resetServices = "ecr")
class EcrRegistrySettingsTest {
    private final URI endpoint;
    private final EcrClient ecr;

    EcrRegistrySettingsTest(URI endpoint, EcrClient ecr) {
        this.endpoint = endpoint;
        this.ecr = ecr;
    }

    private static ReplicationRule toWest(String registryId) {
        return ReplicationRule.builder().destinations(ReplicationDestination.builder().region("us-west-2").registryId(registryId).build())
                .build();
    }

    @Test
    void theReplicationConfigurationIsValidatedAndDescribed() throws Exception {
        var empty = ecr.describeRegistry(r -> { });
        assertThat(empty.registryId()).isEqualTo("000000000000");
        assertThat(empty.replicationConfiguration().rules()).isEmpty();

        assertThatThrownBy(() -> ecr.putReplicationConfiguration(r -> r.replicationConfiguration(c -> c.rules(
                ReplicationRule.builder().destinations(ReplicationDestination.builder().region("us-east-1").registryId("000000000000")
                        .build()).build()))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Invalid parameter at 'replicationConfiguration' failed to satisfy constraint: "
                        + "'Replication destination cannot be the same as the source registry'");
        List<ReplicationRule> elevenRules = new ArrayList<>();
        for (int i = 0; i < 11; i++) elevenRules.add(toWest("000000000000"));
        assertThatThrownBy(() -> ecr.putReplicationConfiguration(r -> r.replicationConfiguration(c -> c.rules(elevenRules))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("less than or equal to 10");
        List<ReplicationDestination> twentySix = new ArrayList<>();
        for (int i = 1; i <= 26; i++) {
            twentySix.add(ReplicationDestination.builder().region("us-west-2").registryId(String.format("%012d", i)).build());
        }
        List<ReplicationRule> twoRules = List.of(ReplicationRule.builder().destinations(twentySix.subList(0, 10)).build(),
                ReplicationRule.builder().destinations(twentySix.subList(10, 26)).build());
        assertThatThrownBy(() -> ecr.putReplicationConfiguration(r -> r.replicationConfiguration(c -> c.rules(twoRules))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("at most 25 unique destinations");

        var put = ecr.putReplicationConfiguration(r -> r.replicationConfiguration(c -> c.rules(
                ReplicationRule.builder().destinations(ReplicationDestination.builder().region("eu-west-1").registryId("111111111111").build())
                        .repositoryFilters(f -> f.filter("prod").filterType(RepositoryFilterType.PREFIX_MATCH)).build(),
                toWest("000000000000"))));
        assertThat(put.replicationConfiguration().rules()).hasSize(2);
        var described = ecr.describeRegistry(r -> { }).replicationConfiguration().rules();
        assertThat(described.get(0).repositoryFilters()).singleElement().satisfies(f -> assertThat(f.filter()).isEqualTo("prod"));
        assertThat(described.get(1).destinations()).singleElement().satisfies(d -> assertThat(d.region()).isEqualTo("us-west-2"));
        AwsCli.Result cli = AwsCli.installed().get(0).run(endpoint, "test", "test", "ecr", "describe-registry");
        assertThat(cli.exitCode()).as(cli.stderr()).isZero();
        assertThat(cli.stdout()).contains("\"PREFIX_MATCH\"").contains("\"eu-west-1\"");

        ecr.putReplicationConfiguration(r -> r.replicationConfiguration(c -> c.rules(List.of())));
        AwsCli.Result none = AwsCli.installed().get(0).run(endpoint, "test", "test", "ecr", "describe-registry");
        assertThat(none.stdout().replaceAll("\\s", "")).contains("\"replicationConfiguration\":{\"rules\":[]}");
    }

    @Test
    void theRegistryPolicyIsPutReadAndDeletedWithEcrsErrors() throws Exception {
        assertThatThrownBy(() -> ecr.getRegistryPolicy(r -> { })).isInstanceOf(RegistryPolicyNotFoundException.class)
                .hasMessageStartingWith("Registry policy does not exist in the registry with id '000000000000'");
        assertThatThrownBy(() -> ecr.putRegistryPolicy(r -> r.policyText("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
                + "\"Allow\",\"Action\":\"ecr:ReplicateImage\",\"Resource\":\"*\"}]}")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Invalid parameter at 'PolicyText' failed to satisfy constraint: 'Invalid registry policy provided");
        String policy = EcrReplicationTest.replicationGrant("000000000000", "ecr:ReplicateImage", "ecr:CreateRepository");
        var put = ecr.putRegistryPolicy(r -> r.policyText(policy));
        assertThat(put.registryId()).isEqualTo("000000000000");
        assertThat(put.policyText()).isEqualTo(policy);
        assertThat(ecr.getRegistryPolicy(r -> { }).policyText()).isEqualTo(policy);
        AwsCli.Result cli = AwsCli.installed().get(0).run(endpoint, "test", "test", "ecr", "get-registry-policy");
        assertThat(cli.stdout()).contains("ReplicationAccessCrossAccount");
        AwsCli.Result westCli = AwsCli.installed().get(0).run(endpoint, "test", "test", "ecr", "get-registry-policy", "--region", "us-west-2");
        assertThat(westCli.stderr()).as("registry policies are per region").contains("RegistryPolicyNotFoundException");
        assertThat(ecr.deleteRegistryPolicy(r -> { }).policyText()).isEqualTo(policy);
        assertThatThrownBy(() -> ecr.deleteRegistryPolicy(r -> { })).isInstanceOf(RegistryPolicyNotFoundException.class);
    }

    @Test
    void registryScanningRulesOverrideEachRepositorysScanOnPush() {
        var defaults = ecr.getRegistryScanningConfiguration(r -> { });
        assertThat(defaults.registryId()).isEqualTo("000000000000");
        assertThat(defaults.scanningConfiguration().scanType()).isEqualTo(ScanType.BASIC);
        assertThat(defaults.scanningConfiguration().rules()).isEmpty();
        ecr.createRepository(r -> r.repositoryName("scan/own").imageScanningConfiguration(s -> s.scanOnPush(true)));
        ecr.createRepository(r -> r.repositoryName("prod-api"));
        assertThat(scanOnPush()).containsEntry("scan/own", true).containsEntry("prod-api", false);

        var put = ecr.putRegistryScanningConfiguration(r -> r.scanType(ScanType.BASIC).rules(rule -> rule
                .scanFrequency(ScanFrequency.SCAN_ON_PUSH).repositoryFilters(f -> f.filter("prod*").filterType(ScanningRepositoryFilterType.WILDCARD))));
        assertThat(put.registryScanningConfiguration().rules()).singleElement()
                .satisfies(rule -> assertThat(rule.repositoryFilters().get(0).filter()).isEqualTo("prod*"));
        assertThat(scanOnPush()).containsEntry("scan/own", false).containsEntry("prod-api", true);
        var perRepository = ecr.batchGetRepositoryScanningConfiguration(r -> r.repositoryNames("prod-api", "scan/own", "scan/none"));
        Map<String, RepositoryScanningConfiguration> byName = perRepository.scanningConfigurations().stream()
                .collect(Collectors.toMap(RepositoryScanningConfiguration::repositoryName, Function.identity()));
        assertThat(byName.get("prod-api").scanFrequency()).isEqualTo(ScanFrequency.SCAN_ON_PUSH);
        assertThat(byName.get("prod-api").appliedScanFilters()).singleElement().satisfies(f -> assertThat(f.filter()).isEqualTo("prod*"));
        assertThat(byName.get("scan/own").scanFrequency()).isEqualTo(ScanFrequency.MANUAL);
        assertThat(perRepository.failures()).singleElement().satisfies(f -> {
            assertThat(f.repositoryName()).isEqualTo("scan/none");
            assertThat(f.failureCodeAsString()).isEqualTo("REPOSITORY_NOT_FOUND");
        });

        assertThatThrownBy(() -> ecr.putRegistryScanningConfiguration(r -> r.scanType(ScanType.BASIC).rules(rule -> rule
                .scanFrequency(ScanFrequency.CONTINUOUS_SCAN).repositoryFilters(f -> f.filter("*").filterType(ScanningRepositoryFilterType.WILDCARD)))))
                .isInstanceOf(InvalidParameterException.class);
        ecr.putRegistryScanningConfiguration(r -> r.scanType(ScanType.ENHANCED).rules(rule -> rule
                .scanFrequency(ScanFrequency.CONTINUOUS_SCAN).repositoryFilters(f -> f.filter("*").filterType(ScanningRepositoryFilterType.WILDCARD))));
        assertThat(scanOnPush()).containsEntry("scan/own", true).containsEntry("prod-api", true);
        assertThat(ecr.batchGetRepositoryScanningConfiguration(r -> r.repositoryNames("scan/own")).scanningConfigurations().get(0)
                .scanFrequency()).isEqualTo(ScanFrequency.CONTINUOUS_SCAN);
        assertThat(ecr.getRegistryScanningConfiguration(r -> { }).scanningConfiguration().scanType()).isEqualTo(ScanType.ENHANCED);
    }

    private Map<String, Boolean> scanOnPush() {
        return ecr.describeRepositories(r -> { }).repositories().stream()
                .collect(Collectors.toMap(Repository::repositoryName, r -> r.imageScanningConfiguration().scanOnPush()));
    }
}
