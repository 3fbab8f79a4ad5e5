package berth.apprunner.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ServiceProgressTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration DEADLINE = Duration.ofMinutes(15);

    private static Operation op(String type) {
        return new Operation("op", type, "IN_PROGRESS", T0, T0, null);
    }

    @Test
    void aDeploymentEndsWhenTheOnlyDeploymentRunsWhatWasDeployedAndCompleted() {
        var rolling = new ServiceProgress.Observed(2, true, "IN_PROGRESS", 2, 1, 1);
        assertThat(ServiceProgress.decide(op("CREATE_SERVICE"), rolling, T0.plusSeconds(5), DEADLINE)).isEmpty();
        var done = new ServiceProgress.Observed(1, true, "COMPLETED", 1, 1, 1);
        assertThat(ServiceProgress.decide(op("CREATE_SERVICE"), done, T0.plusSeconds(5), DEADLINE))
                .contains(new ServiceProgress.End("SUCCEEDED", "RUNNING"));
        var unhealthy = new ServiceProgress.Observed(1, true, "COMPLETED", 1, 1, 0);
        assertThat(ServiceProgress.decide(op("CREATE_SERVICE"), unhealthy, T0.plusSeconds(5), DEADLINE))
                .as("not before the load balancer finds the instance healthy").isEmpty();
        var starting = new ServiceProgress.Observed(1, true, "IN_PROGRESS", 0, 1, 1);
        assertThat(ServiceProgress.decide(op("START_DEPLOYMENT"), starting, T0.plusSeconds(5), DEADLINE)).isEmpty();
    }

    @Test
    void aFailedRolloutFailsTheOperationACreateLeavesTheServiceCreateFailed() {
        var failed = new ServiceProgress.Observed(1, true, "FAILED", 0, 1, 1);
        assertThat(ServiceProgress.decide(op("CREATE_SERVICE"), failed, T0.plusSeconds(5), DEADLINE))
                .contains(new ServiceProgress.End("FAILED", "CREATE_FAILED"));
        var rolledBack = new ServiceProgress.Observed(1, false, "", 1, 1, 1);
        assertThat(ServiceProgress.decide(op("START_DEPLOYMENT"), rolledBack, T0.plusSeconds(5), DEADLINE))
                .contains(new ServiceProgress.End("FAILED", "RUNNING"));
    }

    @Test
    void anOperationPastItsDeadlineFails() {
        var stuck = new ServiceProgress.Observed(1, true, "IN_PROGRESS", 0, 1, 1);
        assertThat(ServiceProgress.decide(op("UPDATE_SERVICE"), stuck, T0.plus(DEADLINE).plusSeconds(1), DEADLINE))
                .contains(new ServiceProgress.End("FAILED", "RUNNING"));
    }

    @Test
    void aPauseEndsWhenNoTaskRuns() {
        var stopping = new ServiceProgress.Observed(1, true, "COMPLETED", 1, 0, 0);
        assertThat(ServiceProgress.decide(op("PAUSE_SERVICE"), stopping, T0.plusSeconds(1), DEADLINE)).isEmpty();
        var stopped = new ServiceProgress.Observed(1, true, "COMPLETED", 0, 0, 0);
        assertThat(ServiceProgress.decide(op("PAUSE_SERVICE"), stopped, T0.plusSeconds(1), DEADLINE))
                .contains(new ServiceProgress.End("SUCCEEDED", "PAUSED"));
    }

    @Test
    void healthChecksBecomeWhatATargetGroupRuns() {
        var tcp = HealthCheck.DEFAULT.forTargetGroup();
        assertThat(tcp).isEqualTo(new HealthCheck.TargetGroupCheck("/", 5, 2, 2, 5, "200-499"));
        var http = new HealthCheck("HTTP", "/health", 10, 5, 3, 4).forTargetGroup();
        assertThat(http).isEqualTo(new HealthCheck.TargetGroupCheck("/health", 10, 5, 3, 4, "200"));
        var small = new HealthCheck("HTTP", "/h", 1, 20, 1, 1).forTargetGroup();
        assertThat(small).isEqualTo(new HealthCheck.TargetGroupCheck("/h", 5, 4, 2, 2, "200"));
    }

    @Test
    void instanceSizesReadBothFormsAndOnlyOfferedCombinations() {
        assertThat(InstanceSize.cpu("1 vCPU")).contains(1024);
        assertThat(InstanceSize.cpu("0.25 vCPU")).contains(256);
        assertThat(InstanceSize.cpu("2048")).contains(2048);
        assertThat(InstanceSize.cpu("3 vCPU")).isEmpty();
        assertThat(InstanceSize.memory("2 GB")).contains(2048);
        assertThat(InstanceSize.memory("0.5 GB")).contains(512);
        assertThat(InstanceSize.offered(1024, 2048)).isTrue();
        assertThat(InstanceSize.offered(256, 2048)).isFalse();
    }

    @Test
    void imageIdentifiersNameTheirRepositoryTagAndDigest() {
        ImageSource tagged = new ImageSource("127.0.0.1:4566/team/web:v2", "ECR", "8080", null, null, "", true, "");
        assertThat(tagged.repositoryAndTag()).hasValueSatisfying(rt -> assertThat(rt).containsExactly("team/web", "v2"));
        assertThat(tagged.byDigest("sha256:ab")).isEqualTo("127.0.0.1:4566/team/web@sha256:ab");
        ImageSource untagged = new ImageSource("127.0.0.1:4566/web", "ECR", "", null, null, "", true, "");
        assertThat(untagged.repositoryAndTag()).hasValueSatisfying(rt -> assertThat(rt).containsExactly("web", "latest"));
        assertThat(untagged.port()).isEqualTo("8080");
    }
}
