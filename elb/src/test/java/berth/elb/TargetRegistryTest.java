package berth.elb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.elb.core.HealthCheck;
import berth.elb.core.TargetGroup;
import berth.elb.core.TargetGroupAttributes;
import berth.elb.core.TargetProtocol;
import berth.elb.core.TargetType;
import berth.elb.proxy.DataPlane;
import berth.elb.state.ElbRecords;
import berth.elb.state.TargetHealthReader;
import berth.elb.state.TargetRegistrations;
import berth.store.Store;
import berth.store.embedded.EmbeddedStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The registry other modules use registers, drains and reports targets as the API does. */
class TargetRegistryTest {
    private Path dir;
    private Store store;
    private DataPlane plane;
    private TargetRegistry registry;
    private TargetGroup group;
    private TargetGroup instanceGroup;

    @BeforeEach
    void start() throws Exception {
        dir = Files.createTempDirectory("elb-registry-");
        store = EmbeddedStore.open(dir);
        ElbRecords records = new ElbRecords(store);
        plane = new DataPlane(records, Clock.systemUTC(), "127.0.0.1", 1, Optional::empty);
        plane.start();
        InstanceAddresses instances = (scope, id) -> id.equals("i-0123456789abcdef0") ? Optional.of("127.0.0.1") : Optional.empty();
        TargetRegistrations registrations = new TargetRegistrations(records, Clock.systemUTC(), () -> Optional.of(instances));
        registry = new StoredTargetRegistry(registrations, new TargetHealthReader(records, registrations, plane), plane::rebuild);
        group = new TargetGroup("000000000000", "us-east-1", "web", "00000000000000aa", TargetProtocol.HTTP, 8080, TargetType.IP,
                "vpc-1", HealthCheck.defaultsFor(TargetProtocol.HTTP), TargetGroupAttributes.defaultsFor(TargetProtocol.HTTP),
                Instant.now(), Map.of());
        instanceGroup = new TargetGroup("000000000000", "us-east-1", "hosts", "00000000000000bb", TargetProtocol.HTTP, 80,
                TargetType.INSTANCE, "vpc-1", HealthCheck.defaultsFor(TargetProtocol.HTTP),
                TargetGroupAttributes.defaultsFor(TargetProtocol.HTTP), Instant.now(), Map.of());
        records.targetGroups.save(group, Store.ABSENT);
        records.targetGroups.save(instanceGroup, Store.ABSENT);
    }

    @AfterEach
    void stop() throws Exception {
        plane.close();
        store.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void registeredTargetsDrainWhenDeregisteredAndUnknownOnesReadAsNotRegistered() {
        registry.register(group.arn(), List.of(new TargetRef("10.0.0.5", 31000), TargetRef.of("10.0.0.6")));
        assertThat(registry.health(group.arn())).extracting(r -> r.target().port(), TargetHealthReport::state, TargetHealthReport::reason)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(31000, "unused", "Target.NotInUse"),
                        org.assertj.core.groups.Tuple.tuple(8080, "unused", "Target.NotInUse"));

        registry.deregister(group.arn(), List.of(new TargetRef("10.0.0.5", 31000)));
        TargetHealthReport draining = registry.health(group.arn(), List.of(new TargetRef("10.0.0.5", 31000))).get(0);
        assertThat(draining.state()).isEqualTo("draining");
        assertThat(draining.reason()).isEqualTo("Target.DeregistrationInProgress");
        TargetHealthReport unknown = registry.health(group.arn(), List.of(new TargetRef("10.9.9.9", 1))).get(0);
        assertThat(unknown.state()).isEqualTo("unused");
        assertThat(unknown.reason()).isEqualTo("Target.NotRegistered");
        assertThat(unknown.description()).isEqualTo("Target is not registered to the target group");
    }

    @Test
    void refusalsCarryTheElbErrorCode() {
        assertThatThrownBy(() -> registry.register(group.arn(), List.of(TargetRef.of("not-an-ip"))))
                .isInstanceOfSatisfying(TargetRegistrationException.class, e -> assertThat(e.code()).isEqualTo("InvalidTarget"));
        assertThatThrownBy(() -> registry.register(group.arn().replace("/web/", "/gone/"), List.of(TargetRef.of("10.0.0.1"))))
                .isInstanceOfSatisfying(TargetRegistrationException.class, e -> assertThat(e.code()).isEqualTo("TargetGroupNotFound"));
        assertThatThrownBy(() -> registry.register(group.arn(), List.of(new TargetRef("10.0.0.1", 70000))))
                .isInstanceOfSatisfying(TargetRegistrationException.class, e -> assertThat(e.code()).isEqualTo("InvalidTarget"));
        assertThatThrownBy(() -> registry.register(instanceGroup.arn(), List.of(TargetRef.of("i-unknown"))))
                .isInstanceOfSatisfying(TargetRegistrationException.class, e -> assertThat(e.code()).isEqualTo("InvalidTarget"));
        registry.register(instanceGroup.arn(), List.of(new TargetRef("i-0123456789abcdef0", 32768)));
        assertThat(registry.health(instanceGroup.arn())).extracting(r -> r.target().id()).containsExactly("i-0123456789abcdef0");
    }
}
