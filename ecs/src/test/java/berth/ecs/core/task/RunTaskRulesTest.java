package berth.ecs.core.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.ecs.core.LaunchType;
import berth.ecs.core.taskdef.TaskDefinition;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RunTaskRulesTest {

    @Test
    void countIsOneToTen() {
        RunTaskRules.checkCount(1);
        RunTaskRules.checkCount(10);
        assertThatThrownBy(() -> RunTaskRules.checkCount(0)).isInstanceOf(TaskLaunchRejected.class);
        assertThatThrownBy(() -> RunTaskRules.checkCount(11))
                .satisfies(e -> assertThat(((TaskLaunchRejected) e).kind())
                        .isEqualTo(TaskLaunchRejected.Kind.INVALID_PARAMETER));
    }

    @Test
    void namesAndTokensHaveEcsLimits() {
        RunTaskRules.checkNames("x".repeat(128), "family:web", "a".repeat(64));
        assertThatThrownBy(() -> RunTaskRules.checkNames("x".repeat(129), "", "")).isInstanceOf(TaskLaunchRejected.class);
        assertThatThrownBy(() -> RunTaskRules.checkNames("", "g".repeat(256), "")).isInstanceOf(TaskLaunchRejected.class);
        assertThatThrownBy(() -> RunTaskRules.checkNames("", "", "a".repeat(65))).isInstanceOf(TaskLaunchRejected.class);
        assertThatThrownBy(() -> RunTaskRules.checkNames("", "", "has space")).isInstanceOf(TaskLaunchRejected.class);
    }

    private static final List<String> FARGATE_BOTH = List.of("FARGATE", "FARGATE_SPOT");

    private static RunTaskRules.LaunchTarget target(String launchType, List<CapacityProviderItem> strategy) {
        return RunTaskRules.launchTarget(launchType, strategy, FARGATE_BOTH, List.of());
    }

    @Test
    void aLaunchTypeAndAStrategyExcludeEachOtherAndProvidersMustBeAssociated() {
        assertThat(target("", List.of()).launchType()).isEqualTo(LaunchType.EC2);
        assertThat(target("EXTERNAL", List.of()).launchType()).isEqualTo(LaunchType.EXTERNAL);
        List<CapacityProviderItem> spot = List.of(new CapacityProviderItem("FARGATE", 1, 2),
                new CapacityProviderItem("FARGATE_SPOT", 3, 0));
        assertThatThrownBy(() -> target("FARGATE", spot))
                .hasMessage("Specifying both a launch type and capacity provider strategy is not supported. Remove one"
                        + " and try again.");
        RunTaskRules.LaunchTarget target = target("", spot);
        assertThat(target.launchType()).isEqualTo(LaunchType.FARGATE);
        assertThat(IntStream.range(0, 6).mapToObj(target::capacityProviderFor).toList())
                .containsExactly("FARGATE", "FARGATE", "FARGATE", "FARGATE_SPOT", "FARGATE_SPOT", "FARGATE_SPOT");
        assertThatThrownBy(() -> target("", List.of(new CapacityProviderItem("my-asg", 1, 0))))
                .hasMessageContaining("not associated with the cluster");
        assertThatThrownBy(() -> RunTaskRules.launchTarget("", spot, List.of("FARGATE"), List.of()))
                .hasMessageContaining("not associated with the cluster");
        assertThatThrownBy(() -> target("", List.of(new CapacityProviderItem("FARGATE", 0, 0))))
                .hasMessageContaining("weight greater than zero");
        assertThatThrownBy(() -> RunTaskRules.launchTarget("", List.of(new CapacityProviderItem("FARGATE", 1, 0),
                        new CapacityProviderItem("asg", 1, 0)), List.of("FARGATE", "asg"), List.of()))
                .hasMessageContaining("cannot contain a mix");
    }

    @Test
    void withNeitherALaunchTypeNorAStrategyTheClustersDefaultStrategyApplies() {
        List<CapacityProviderItem> defaults = List.of(new CapacityProviderItem("FARGATE_SPOT", 1, 0));
        RunTaskRules.LaunchTarget target = RunTaskRules.launchTarget("", List.of(), FARGATE_BOTH, defaults);
        assertThat(target.launchType()).isEqualTo(LaunchType.FARGATE);
        assertThat(target.capacityProviderFor(0)).isEqualTo("FARGATE_SPOT");
        assertThat(RunTaskRules.launchTarget("EC2", List.of(), FARGATE_BOTH, defaults).launchType())
                .isEqualTo(LaunchType.EC2);
    }

    @Test
    void placementHasEcsLimitsAndFargateTakesNone() {
        RunTaskRules.checkPlacement(10, 5, LaunchType.EC2);
        assertThatThrownBy(() -> RunTaskRules.checkPlacement(11, 0, LaunchType.EC2))
                .hasMessageContaining("at most 10 placement constraints");
        assertThatThrownBy(() -> RunTaskRules.checkPlacement(0, 6, LaunchType.EC2))
                .hasMessageContaining("at most 5 placement strategies");
        assertThatThrownBy(() -> RunTaskRules.checkPlacement(1, 0, LaunchType.FARGATE))
                .isInstanceOf(TaskLaunchRejected.class);
    }

    @Test
    void theDefinitionMustSupportTheLaunchType() {
        TaskDefinition bridge = TaskFixtures.bridge();
        RunTaskRules.checkCompatibility(bridge, LaunchType.EC2);
        assertThatThrownBy(() -> RunTaskRules.checkCompatibility(bridge, LaunchType.FARGATE))
                .hasMessage("Task definition does not support launch_type FARGATE.")
                .satisfies(e -> assertThat(((TaskLaunchRejected) e).kind()).isEqualTo(TaskLaunchRejected.Kind.CLIENT));
        RunTaskRules.checkCompatibility(TaskFixtures.fargate(), LaunchType.FARGATE);
    }

    @Test
    void awsvpcNeedsSubnetsAndOtherModesTakeNoNetworkConfiguration() {
        TaskDefinition fargate = TaskFixtures.fargate();
        assertThatThrownBy(() -> RunTaskRules.subnets(fargate, Optional.empty()))
                .hasMessage("Network Configuration must be provided when networkMode 'awsvpc' is specified.");
        assertThatThrownBy(() -> RunTaskRules.subnets(fargate, Optional.of(new AwsVpcConfiguration(List.of(),
                List.of(), false)))).hasMessage("subnets can not be empty.");
        assertThatThrownBy(() -> RunTaskRules.subnets(fargate, Optional.of(new AwsVpcConfiguration(
                List.of("subnet-1"), List.of("sg-1", "sg-2", "sg-3", "sg-4", "sg-5", "sg-6"), false))))
                .hasMessageContaining("securityGroups");
        assertThat(RunTaskRules.subnets(fargate, Optional.of(new AwsVpcConfiguration(List.of("subnet-0a", "subnet-0b"),
                List.of(), true)))).containsExactly("subnet-0a", "subnet-0b");
        assertThatThrownBy(() -> RunTaskRules.subnets(TaskFixtures.bridge(), Optional.of(new AwsVpcConfiguration(
                List.of("subnet-1"), List.of(), false))))
                .hasMessage("Network Configuration is not valid for the given networkMode of this task definition.");
        assertThat(RunTaskRules.subnets(TaskFixtures.bridge(), Optional.empty())).isEmpty();
    }

    @Test
    void platformVersionsAreFargatesOnly() {
        assertThat(RunTaskRules.platformVersion("", LaunchType.FARGATE)).isEqualTo("1.4.0");
        assertThat(RunTaskRules.platformVersion("LATEST", LaunchType.FARGATE)).isEqualTo("1.4.0");
        assertThat(RunTaskRules.platformVersion("", LaunchType.EC2)).isEmpty();
        assertThatThrownBy(() -> RunTaskRules.platformVersion("LATEST", LaunchType.EC2))
                .hasMessage("The platform version must be null when specifying an EC2 launch type.");
        assertThatThrownBy(() -> RunTaskRules.platformVersion("9.9.9", LaunchType.FARGATE))
                .satisfies(e -> assertThat(((TaskLaunchRejected) e).kind())
                        .isEqualTo(TaskLaunchRejected.Kind.PLATFORM_UNKNOWN));
    }
}
