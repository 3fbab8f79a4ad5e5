package berth.ec2.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MachineDecisionTest {
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final Duration RETENTION = Duration.ofHours(1);
    private static final Duration IDLE = Duration.ofSeconds(30);

    private static Instance instance(String id, InstanceState state, Instant changedAt) {
        return new Instance("000000000000", "us-east-1", id, "r-1", "ami-1", "t3.small", "x86_64", "", "subnet-1", "vpc-1",
                "us-east-1a", "172.31.0.4", "", List.of(), "", "", "", "", "", "", 0, state, "", "", "", T0, changedAt,
                "optional", "enabled", "secret", "host", List.of());
    }

    @Test
    void aPendingInstanceGetsAnAgentThenRuns() {
        Instance pending = instance("i-1", InstanceState.PENDING, T0);
        var first = MachineDecision.decide(List.of(pending), Map.of(), T0, RETENTION, IDLE);
        assertThat(first.actions()).singleElement().isInstanceOf(MachineDecision.StartAgent.class);
        var up = new MachineDecision.Machine(true, 0, Instant.EPOCH, Instant.EPOCH, false);
        var second = MachineDecision.decide(List.of(pending), Map.of("i-1", up), T0, RETENTION, IDLE);
        assertThat(second.actions()).singleElement().isInstanceOf(MachineDecision.MarkRunning.class);
    }

    @Test
    void terminationDeregistersBeforeTheMachineGoes() {
        Instance going = instance("i-1", InstanceState.SHUTTING_DOWN, T0);
        var up = new MachineDecision.Machine(true, 0, Instant.EPOCH, Instant.EPOCH, false);
        assertThat(MachineDecision.decide(List.of(going), Map.of("i-1", up), T0, RETENTION, IDLE).actions())
                .singleElement().isInstanceOf(MachineDecision.Deregister.class);
        var deregistered = new MachineDecision.Machine(true, 0, Instant.EPOCH, Instant.EPOCH, true);
        assertThat(MachineDecision.decide(List.of(going), Map.of("i-1", deregistered), T0, RETENTION, IDLE).actions())
                .singleElement().isInstanceOf(MachineDecision.StopMachine.class);
        var down = new MachineDecision.Machine(false, 0, Instant.EPOCH, Instant.EPOCH, true);
        assertThat(MachineDecision.decide(List.of(going), Map.of("i-1", down), T0, RETENTION, IDLE).actions())
                .singleElement().isInstanceOf(MachineDecision.RemoveMachine.class);
    }

    @Test
    void aCrashedAgentRestartsAfterItsBackOffAndTerminatedInstancesAreForgotten() {
        Instance running = instance("i-1", InstanceState.RUNNING, T0);
        var crashed = new MachineDecision.Machine(false, 3, T0, Instant.EPOCH, false);
        var soon = MachineDecision.decide(List.of(running), Map.of("i-1", crashed), T0.plusSeconds(1), RETENTION, IDLE);
        assertThat(soon.actions()).isEmpty();
        assertThat(soon.nextPass()).isEqualTo(T0.plusSeconds(4));
        assertThat(MachineDecision.decide(List.of(running), Map.of("i-1", crashed), T0.plusSeconds(4), RETENTION, IDLE)
                .actions()).singleElement().isInstanceOf(MachineDecision.StartAgent.class);
        Instance gone = instance("i-2", InstanceState.TERMINATED, T0);
        assertThat(MachineDecision.decide(List.of(gone), Map.of(), T0.plus(RETENTION), RETENTION, IDLE).actions())
                .singleElement().isInstanceOf(MachineDecision.Forget.class);
        var orphan = new MachineDecision.Machine(true, 0, Instant.EPOCH, Instant.EPOCH, false);
        assertThat(MachineDecision.decide(List.of(), Map.of("i-9", orphan), T0, RETENTION, IDLE).actions())
                .singleElement().isInstanceOf(MachineDecision.StopOrphan.class);
    }
}
