package berth.e2e.ecs.clusters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.junit5.BerthTest;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClusterField;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.Setting;
import software.amazon.awssdk.services.ecs.model.SettingName;

/** ECS account settings: defaults, the account default and a principal's own, and what they decide. */
@BerthTest(accountId = "222222222222")
class AccountSettingsTest {
    private final EcsClient ecs;

    AccountSettingsTest(EcsClient ecs) {
        this.ecs = ecs;
    }

    private Map<String, String> effective(String principal) {
        return ecs.listAccountSettings(r -> r.effectiveSettings(true).principalArn(principal).maxResults(10)).settings()
                .stream().collect(Collectors.toMap(Setting::nameAsString, Setting::value));
    }

    @Test
    void defaultsThenTheAccountDefaultThenAPrincipalsOwn() {
        String root = "arn:aws:iam::222222222222:root";
        String role = "arn:aws:iam::222222222222:role/deployer";
        assertThat(effective(root)).containsEntry("containerInsights", "disabled")
                .containsEntry("serviceLongArnFormat", "enabled").containsEntry("awsvpcTrunking", "disabled");

        Setting accountDefault = ecs.putAccountSettingDefault(r -> r.name(SettingName.CONTAINER_INSIGHTS).value("enabled"))
                .setting();
        assertThat(accountDefault.principalArn()).isEqualTo(root);
        Setting own = ecs.putAccountSetting(r -> r.name(SettingName.AWSVPC_TRUNKING).value("enabled").principalArn(role))
                .setting();
        assertThat(own.principalArn()).isEqualTo(role);

        assertThat(effective(role)).containsEntry("containerInsights", "enabled").containsEntry("awsvpcTrunking", "enabled");
        assertThat(effective(root)).containsEntry("awsvpcTrunking", "disabled");
        assertThat(ecs.listAccountSettings(r -> r.principalArn(role)).settings()).extracting(Setting::nameAsString)
                .containsExactly("awsvpcTrunking");

        ecs.deleteAccountSetting(r -> r.name(SettingName.AWSVPC_TRUNKING).principalArn(role));
        assertThat(effective(role)).containsEntry("awsvpcTrunking", "disabled");
        assertThatThrownBy(() -> ecs.deleteAccountSetting(r -> r.name(SettingName.AWSVPC_TRUNKING).principalArn(role)))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void containerInsightsDecidesTheSettingOfNewClusters() {
        ecs.putAccountSettingDefault(r -> r.name(SettingName.CONTAINER_INSIGHTS).value("enhanced"));
        var cluster = ecs.createCluster(r -> r.clusterName("insights")).cluster();
        assertThat(cluster.settings()).anySatisfy(s -> {
            assertThat(s.nameAsString()).isEqualTo("containerInsights");
            assertThat(s.value()).isEqualTo("enhanced");
        });
        var explicit = ecs.createCluster(r -> r.clusterName("insights-off")
                .settings(s -> s.name("containerInsights").value("disabled"))).cluster();
        assertThat(explicit.settings()).singleElement().satisfies(s -> assertThat(s.value()).isEqualTo("disabled"));
        assertThat(ecs.describeClusters(r -> r.clusters("insights").include(ClusterField.SETTINGS)).clusters().get(0)
                .settings()).extracting(s -> s.value()).containsExactly("enhanced");
        ecs.putAccountSettingDefault(r -> r.name(SettingName.CONTAINER_INSIGHTS).value("disabled"));
    }

    @Test
    void valuesEcsRefusesAreRefused() {
        assertThatThrownBy(() -> ecs.putAccountSetting(r -> r.name(SettingName.TASK_LONG_ARN_FORMAT).value("disabled")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("no longer");
        assertThatThrownBy(() -> ecs.putAccountSetting(r -> r.name(SettingName.CONTAINER_INSIGHTS).value("maybe")))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> ecs.putAccountSetting(r -> r.name(SettingName.AWSVPC_TRUNKING).value("enabled")
                .principalArn("arn:aws:iam::999999999999:role/other"))).isInstanceOf(InvalidParameterException.class);
    }
}
