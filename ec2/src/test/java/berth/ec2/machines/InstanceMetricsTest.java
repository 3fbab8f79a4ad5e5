package berth.ec2.machines;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InstanceMetricsTest {
    @Test
    void cpuUtilizationIsTheContainersUseOverTheTypesVcpus() {
        assertThat(InstanceMetrics.utilization(512, 2)).isEqualTo(25.0);
        assertThat(InstanceMetrics.utilization(0, 2)).isZero();
        // the host may have more cores than the type: an instance is never above 100%
        assertThat(InstanceMetrics.utilization(4096, 2)).isEqualTo(100.0);
    }
}
