package berth.elb.proxy;

import berth.elb.core.TargetGroup;
import berth.elb.core.TargetSet;
import berth.elb.state.ElbRecords;
import berth.platform.RecordTable;
import berth.store.VersionConflict;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends the draining of deregistered targets whose target group's deregistration delay has passed:
 * a level-triggered pass over every stored target set.
 */
final class DrainingExpiry implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(DrainingExpiry.class);

    private final ElbRecords records;
    private final Clock clock;

    DrainingExpiry(ElbRecords records, Clock clock) {
        this.records = records;
        this.clock = clock;
    }

    @Override
    public void run() {
        Map<String, TargetGroup> groupsById = new HashMap<>();
        records.targetGroups.list("").forEach(tg -> groupsById.put(ElbRecords.targetsKey(tg), tg));
        for (RecordTable.Keyed<ElbRecords.StoredTargets> stored : records.targets.listKeyed("")) {
            ElbRecords.StoredTargets value = stored.value();
            TargetGroup group = groupsById.get(stored.key());
            if (group == null) continue;
            Duration delay = Duration.ofSeconds(group.attributes().deregistrationDelaySeconds());
            TargetSet after = value.targets().expireDraining(delay, clock.instant());
            if (after == value.targets()) continue;
            try {
                records.targets.save(value.with(after), stored.version());
                LOG.info("draining ended for {} target(s) of target group {}",
                        value.targets().targets().size() - after.targets().size(), group.arn());
            } catch (VersionConflict conflict) {
                // changed meanwhile; the next pass sees the new state
            }
        }
    }
}
