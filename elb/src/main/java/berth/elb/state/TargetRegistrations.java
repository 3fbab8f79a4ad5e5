package berth.elb.state;

import berth.aws.Scope;
import berth.platform.RecordTable;

import berth.elb.InstanceAddresses;
import berth.elb.core.ElbArns;
import berth.elb.core.ElbError;
import berth.elb.core.IpAddresses;
import berth.elb.core.TargetGroup;
import berth.elb.core.TargetKey;
import berth.elb.core.TargetSet;
import berth.elb.core.TargetType;
import berth.store.Store;
import berth.store.VersionConflict;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registering and deregistering targets, for RegisterTargets/DeregisterTargets and for
 * {@link berth.elb.TargetRegistry} alike: checks the targets, then changes the group's
 * {@link TargetSet} with compare-and-set.
 */
public final class TargetRegistrations {
    private static final Logger LOG = LoggerFactory.getLogger(TargetRegistrations.class);

    private final ElbRecords records;
    private final Clock clock;
    private final Supplier<Optional<InstanceAddresses>> instances;

    public TargetRegistrations(ElbRecords records, Clock clock, Supplier<Optional<InstanceAddresses>> instances) {
        this.records = records;
        this.clock = clock;
        this.instances = instances;
    }

    /** A target as requested: port 0 stands for the group's port, zone empty for none given. */
    public record Requested(String id, int port, String availabilityZone) {}

    /** The target group an ARN names. @throws berth.elb.core.ElbException TargetGroupNotFound */
    public TargetGroup group(String arn) {
        String[] nameAndId = ElbArns.targetGroupNameAndId(arn).orElseThrow(() -> notFound(arn));
        Scope scope = ElbArns.parse(arn).orElseThrow().scope();
        return records.targetGroups.find(scope.key(nameAndId[0]))
                .map(RecordTable.Versioned::value)
                .filter(tg -> tg.id().equals(nameAndId[1]))
                .orElseThrow(() -> notFound(arn));
    }

    public TargetSet targets(TargetGroup group) {
        return records.targets.find(ElbRecords.targetsKey(group)).map(v -> v.value().targets()).orElse(TargetSet.EMPTY);
    }

    public void register(String targetGroupArn, List<Requested> requested) {
        TargetGroup group = group(targetGroupArn);
        List<TargetKey> keys = requested.stream().map(r -> checked(group, r)).toList();
        Map<TargetKey, String> zones = new java.util.HashMap<>();
        for (int i = 0; i < requested.size(); i++) zones.put(keys.get(i), requested.get(i).availabilityZone());
        change(group, set -> set.register(keys, zones, clock.instant()));
        LOG.info("registered targets {} with target group {}", keys, group.arn());
    }

    public void deregister(String targetGroupArn, List<Requested> requested) {
        TargetGroup group = group(targetGroupArn);
        List<TargetKey> keys = requested.stream().map(r -> new TargetKey(r.id(), r.port() == 0 ? group.port() : r.port())).toList();
        for (Requested r : requested) {
            if (r.port() < 0 || r.port() > 65535) throw invalidPort(r.port());
        }
        Duration delay = Duration.ofSeconds(group.attributes().deregistrationDelaySeconds());
        change(group, set -> set.deregister(keys, delay, clock.instant()));
        LOG.info("deregistering targets {} from target group {} (draining {} s)", keys, group.arn(), delay.toSeconds());
    }

    /** The key of {@code r} in {@code group}, or InvalidTarget. */
    TargetKey checked(TargetGroup group, Requested r) {
        int port = r.port() == 0 ? group.port() : r.port();
        if (port < 1 || port > 65535) throw invalidPort(port);
        if (group.targetType() == TargetType.IP) {
            if (!IpAddresses.isIpv4(r.id()) || r.id().equals("0.0.0.0") || r.id().equals("255.255.255.255")) {
                throw ElbError.INVALID_TARGET.exception("The IP address '" + r.id() + "' is not a valid IPv4 address");
            }
        } else if (instances.get().flatMap(i -> i.address(group.scope(), r.id())).isEmpty()) {
            throw ElbError.INVALID_TARGET.exception("The following targets are not in a running state and cannot be"
                    + " registered: '" + r.id() + "'");
        }
        return new TargetKey(r.id(), port);
    }

    private void change(TargetGroup group, java.util.function.UnaryOperator<TargetSet> change) {
        String key = ElbRecords.targetsKey(group);
        for (int attempt = 0; ; attempt++) {
            var current = records.targets.find(key);
            TargetSet before = current.map(v -> v.value().targets()).orElse(TargetSet.EMPTY);
            TargetSet after = change.apply(before);
            try {
                records.targets.save(ElbRecords.StoredTargets.of(group, after),
                        current.map(RecordTable.Versioned::version).orElse(Store.ABSENT));
                return;
            } catch (VersionConflict conflict) {
                if (attempt >= 20) throw conflict;
            }
        }
    }

    private static berth.elb.core.ElbException invalidPort(int port) {
        return ElbError.INVALID_TARGET.exception("The port '" + port + "' is not valid: it must be between 1 and 65535");
    }

    private static berth.elb.core.ElbException notFound(String arn) {
        return ElbError.TARGET_GROUP_NOT_FOUND.exception("Target groups '" + arn + "' not found");
    }
}
