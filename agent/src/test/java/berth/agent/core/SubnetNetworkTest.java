package berth.agent.core;

import static berth.agent.core.Fixtures.T0;
import static berth.agent.core.Fixtures.container;
import static berth.agent.core.Fixtures.definition;
import static berth.agent.core.Fixtures.observed;
import static berth.agent.core.Fixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

import berth.agent.runtime.NetworkMode;
import berth.agentwire.AssignedTask;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SubnetNetworkTest {
    private static final String ROUTES = """
            Iface	Destination	Gateway 	Flags	RefCnt	Use	Metric	Mask		MTU	Window	IRTT
            eth0	00000000	010200C0	0003	0	0	0	00000000	0	0	0
            docker0	000011AC	00000000	0001	0	0	0	0000FFFF	0	0	0
            eth0	000200C0	00000000	0001	0	0	0	00FFFFFF	0	0	0
            """;

    @Test
    void theGatewayIsTheVpcRouterAndAwsReservedAddressesAreKeptFromTasks() {
        SubnetNetwork n = SubnetNetwork.of("subnet-0a1b2c3d", "172.31.16.0/20").orElseThrow();

        assertThat(n.name()).isEqualTo("subnet-0a1b2c3d");
        assertThat(n.gateway()).isEqualTo("172.31.16.1");
        assertThat(n.reserved()).containsExactly("172.31.16.2", "172.31.16.3");
        assertThat(n.assignable("172.31.16.0")).isFalse();
        assertThat(n.assignable("172.31.16.3")).isFalse();
        assertThat(n.assignable("172.31.16.4")).isTrue();
        assertThat(n.assignable("172.31.31.254")).isTrue();
        assertThat(n.assignable("172.31.31.255")).isFalse();
        assertThat(n.assignable("172.31.32.4")).isFalse();
    }

    @Test
    void onlyAwsSubnetSizesAreNetworks() {
        assertThat(SubnetNetwork.of("subnet-1", "10.0.0.0/15")).isEmpty();
        assertThat(SubnetNetwork.of("subnet-1", "10.0.0.0/29")).isEmpty();
        assertThat(SubnetNetwork.of("subnet-1", "not-a-block")).isEmpty();
        assertThat(SubnetNetwork.of("subnet-1", "10.0.0.0/28")).isPresent();
    }

    @Test
    void procNetRouteIsReadInTheHostsByteOrder() {
        assertThat(SubnetNetwork.routes(ROUTES)).containsExactly("0.0.0.0/0", "172.17.0.0/16", "192.0.2.0/24");
    }

    @Test
    void aBlockOverlappingTheHostOrTheEngineIsRefusedWithWhy() {
        List<String> routes = SubnetNetwork.routes(ROUTES);
        SubnetNetwork free = SubnetNetwork.of("subnet-1", "172.31.0.0/20").orElseThrow();
        SubnetNetwork onDocker0 = SubnetNetwork.of("subnet-2", "172.17.16.0/20").orElseThrow();
        SubnetNetwork onInterface = SubnetNetwork.of("subnet-3", "10.8.0.0/16").orElseThrow();
        SubnetNetwork onEngine = SubnetNetwork.of("subnet-4", "172.30.0.0/24").orElseThrow();
        List<String> interfaces = List.of("192.0.2.2/24", "10.8.4.7/32");
        Map<String, List<String>> engine = Map.of("bridge", List.of("172.17.0.0/16"),
                "berth-awsvpc", List.of("172.30.0.0/16"), "subnet-1", List.of("172.31.0.0/20"));

        // the default route covers everything and is no conflict; its own network made before is no conflict
        assertThat(free.conflict(routes, interfaces, engine)).isEmpty();
        assertThat(onDocker0.conflict(routes, interfaces, engine)).get().asString()
                .contains("overlaps the host's route to 172.17.0.0/16");
        assertThat(onInterface.conflict(routes, interfaces, engine)).get().asString()
                .contains("interface address 10.8.4.7/32");
        assertThat(onEngine.conflict(routes, interfaces, engine)).get().asString()
                .contains("engine's network berth-awsvpc");
        // a host inside a real default VPC
        assertThat(free.conflict(List.of("172.31.0.0/16"), List.of("172.31.5.9/20"), Map.of())).isPresent();
        // another subnet's network of the same block (another berth of this host)
        assertThat(SubnetNetwork.of("subnet-9", "172.31.0.0/20").orElseThrow().conflict(routes, interfaces, engine))
                .get().asString().contains("engine's network subnet-1");
    }

    @Test
    void anAwsvpcTaskOfAUsableSubnetJoinsItsSubnetsNetworkAndReportsThatAddress() {
        AssignedTask plain = task("t1", definition("awsvpc", 0, 0, List.of(), container("web").build()));
        AssignedTask t = inSubnet(plain, "subnet-1", "172.31.0.0/20");
        SubnetNetwork n = SubnetNetwork.of("subnet-1", "172.31.0.0/20").orElseThrow();

        Plan first = Fixtures.RECONCILER.reconcile(List.of(t), List.of(), Map.of(), T0, Map.of("subnet-1", n));
        List<Step> steps = first.work().get(0).steps();
        assertThat(steps.get(0)).isEqualTo(new Step.EnsureNetwork("subnet-1", Optional.of(n),
                Map.of("berth.managed", "true", "berth.control-plane", Fixtures.SETTINGS.controlPlane())));
        assertThat(((Step.CreateContainer) steps.get(2)).spec().networkMode()).isEqualTo(NetworkMode.named("subnet-1"));

        var pause = observed(t, TaskLayout.PAUSE).ip("subnet-1", "172.31.0.4", "02:42:ac:1f:00:04").build();
        Plan second = Fixtures.RECONCILER.reconcile(List.of(t), List.of(pause), first.states(), T0, Map.of());
        assertThat(second.observations()).singleElement()
                .satisfies(o -> assertThat(o.privateIpv4Address()).isEqualTo("172.31.0.4"));
    }

    @Test
    void aRefusedOrUnknownSubnetFallsBackToTheAgentsAwsvpcNetwork() {
        AssignedTask t = inSubnet(task("t1", definition("awsvpc", 0, 0, List.of(), container("web").build())),
                "subnet-2", "172.17.16.0/20");

        Plan first = Fixtures.RECONCILER.reconcile(List.of(t), List.of(), Map.of(), T0, Map.of());

        assertThat(first.work().get(0).steps().get(0))
                .isEqualTo(new Step.EnsureNetwork("berth-awsvpc", Map.of("berth.managed", "true")));
    }

    @Test
    void theLastTaskOfASubnetRemovesItsNetworkAfterItsPause() {
        AssignedTask t = inSubnet(task("t1", definition("awsvpc", 0, 0, List.of(), container("web").build())),
                "subnet-1", "172.31.0.0/20");
        var observedPause = observed(t, TaskLayout.PAUSE).exited(0).ip("subnet-1", "172.31.0.4", "02:42:ac:1f:00:04");
        var pause = observedPause.build();

        // the control plane forgot the task: its containers go, then its subnet's network (if no other task holds it)
        Plan plan = Fixtures.RECONCILER.reconcile(List.of(), List.of(pause), Map.of(), T0, Map.of());

        assertThat(plan.work().get(0).steps()).containsExactly(new Step.RemoveContainer(TaskLayout.PAUSE, pause.id()),
                new Step.RemoveNetwork("subnet-1"));
    }

    static AssignedTask inSubnet(AssignedTask t, String subnetId, String cidr) {
        return new AssignedTask(t.taskArn(), t.clusterArn(), t.containerInstanceArn(), t.launchType(),
                t.desiredStatus(), t.lastStatus(), t.createdAt(), t.family(), t.revision(), t.networkMode(),
                t.pidMode(), t.ipcMode(), t.cpuUnits(), t.memoryMiB(), t.containers(), t.volumes(),
                t.stopTimeoutSeconds(), t.environment(), t.taskRoleCredentials(), t.executionRoleCredentials(),
                subnetId, cidr);
    }
}
