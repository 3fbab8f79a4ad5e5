package berth.elb.state;

import berth.elb.core.HealthSource;
import berth.elb.core.RegisteredTarget;
import berth.elb.core.TargetGroup;
import berth.elb.core.TargetHealth;
import berth.elb.core.TargetKey;
import berth.elb.core.TargetSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The health DescribeTargetHealth reports: draining for deregistered targets, unused when the group
 * takes no traffic or the target is not registered, otherwise what the health checks observed.
 */
public final class TargetHealthReader {
    private final ElbRecords records;
    private final TargetRegistrations registrations;
    private final HealthSource health;

    public TargetHealthReader(ElbRecords records, TargetRegistrations registrations, HealthSource health) {
        this.records = records;
        this.registrations = registrations;
        this.health = health;
    }

    /** One reported target; {@code availabilityZone} empty when none was given. */
    public record Reported(TargetKey key, String availabilityZone, TargetHealth health) {}

    /** Every registered target, or only {@code wanted} (reported unused when not registered). */
    public List<Reported> report(TargetGroup group, Optional<List<TargetKey>> wanted) {
        TargetSet set = registrations.targets(group);
        boolean inUse = TargetGroupUsage.of(records, group.scope()).inUse(group.arn());
        List<Reported> reported = new ArrayList<>();
        if (wanted.isEmpty()) {
            for (RegisteredTarget t : set.targets()) reported.add(of(group, t, inUse));
        } else {
            for (TargetKey key : wanted.get()) {
                Optional<RegisteredTarget> t = set.find(key);
                reported.add(t.map(found -> of(group, found, inUse))
                        .orElseGet(() -> new Reported(key, "", TargetHealth.NOT_REGISTERED)));
            }
        }
        return reported;
    }

    private Reported of(TargetGroup group, RegisteredTarget t, boolean inUse) {
        TargetHealth h = t.draining() ? TargetHealth.DRAINING
                : !inUse ? TargetHealth.NOT_IN_USE
                : health.health(group.arn(), t.key());
        return new Reported(t.key(), t.availabilityZone(), h);
    }
}
