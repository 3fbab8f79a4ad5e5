package berth.asg.control;

import berth.asg.core.Activity;
import berth.asg.core.Group;
import berth.asg.core.GroupReconciler;
import berth.asg.core.Member;
import berth.asg.state.AsgRecords;
import berth.platform.RecordTable;
import berth.platform.WakeableLoop;
import berth.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes every group's instances match its desired capacity ({@link GroupReconciler}), launching and
 * terminating through EC2 and recording each as a scaling activity. Runs when a group changes, and
 * every {@code poll} while any group has instances on their way (Pending or Terminating) or fewer
 * than it wants, since EC2's instance states are read through EC2's API, not watched.
 */
public final class GroupLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupLoop.class);
    private static final Duration IDLE = Duration.ofSeconds(10);

    private final AsgRecords records;
    private final Ec2Fleet fleet;
    private final Clock clock;
    private final Duration poll;
    private final WakeableLoop loop;

    public GroupLoop(AsgRecords records, Ec2Fleet fleet, Store store, Clock clock, Duration poll) {
        this.records = records;
        this.fleet = fleet;
        this.clock = clock;
        this.poll = poll;
        this.loop = new WakeableLoop("berth-asg-groups", store, clock, List.of(AsgRecords.GROUP_KIND), Duration.ofMillis(20),
                this::pass);
    }

    public void start() {
        loop.start();
    }

    private Instant pass() {
        Instant now = clock.instant();
        boolean busy = false;
        for (RecordTable.Versioned<Group> g : records.groups.listVersioned("")) {
            try {
                busy |= reconcile(g.value(), now);
            } catch (RuntimeException e) {
                LOG.warn("group {}: {}", g.value().name(), e.toString());
                busy = true;
            }
        }
        return now.plus(busy ? poll : IDLE);
    }

    /** One group's pass; whether it still has work on its way. */
    private boolean reconcile(Group group, Instant now) {
        List<String> ids = group.members().stream().map(Member::instanceId).toList();
        Map<String, GroupReconciler.Ec2State> states = fleet.states(group.scope(), ids);
        Map<String, String> zones = fleet.subnetZones(group.scope(), group.subnetIds());
        GroupReconciler.Plan plan = GroupReconciler.reconcile(group, states, zones, now);
        String key = group.scope().key(group.name());
        if (plan.changesMembers(group)) {
            List<Member> decided = plan.members();
            records.groups.update(key, g -> g.withMembers(merged(g.members(), group.members(), decided)));
        }
        for (String departed : plan.departures()) {
            activity(group, "Terminating EC2 instance: " + departed, "At " + now + " an instance was taken out of service"
                    + " in response to an EC2 instance status check failure or a termination outside the group.",
                    "Successful", now);
        }
        if (!plan.terminations().isEmpty()) {
            List<String> terminating = plan.terminations().stream().map(Member::instanceId).toList();
            fleet.terminate(group.scope(), terminating);
            for (String id : terminating) {
                String cause = group.deleting() ? "At " + now + " the group was deleted, taking the instance out of service."
                        : "At " + now + " a user request update of AutoScalingGroup constraints to min: " + group.minSize()
                        + ", max: " + group.maxSize() + ", desired: " + group.desiredCapacity() + " changing the desired"
                        + " capacity, an instance was taken out of service in response to a difference between desired"
                        + " and actual capacity, shrinking the capacity.";
                activity(group, "Terminating EC2 instance: " + id, cause, "Successful", now);
                LOG.info("group {} terminates instance {}", group.name(), id);
            }
        }
        for (GroupReconciler.Launch launch : plan.launches()) {
            String activityId = UUID.randomUUID().toString();
            try {
                Ec2Fleet.Launched launched = fleet.launch(group, launch.subnetId());
                Member member = new Member(launched.instanceId(), launch.availabilityZone(), launch.subnetId(),
                        launched.instanceType(), Member.LifecycleState.PENDING, "Healthy",
                        group.newInstancesProtectedFromScaleIn(), launched.launchTemplateVersion(), now);
                records.groups.update(key, g -> {
                    List<Member> all = new ArrayList<>(g.members());
                    all.add(member);
                    return g.withMembers(all);
                });
                record(group, activityId, "Launching a new EC2 instance: " + launched.instanceId(), launchCause(group, now),
                        "Successful", "", now);
                LOG.info("group {} launched instance {} in {}", group.name(), launched.instanceId(), launch.availabilityZone());
            } catch (RuntimeException e) {
                record(group, activityId, "Launching a new EC2 instance.  Status Reason: " + e.getMessage(),
                        launchCause(group, now), "Failed", e.getMessage(), now);
                LOG.warn("group {} could not launch: {}", group.name(), e.getMessage());
                break;
            }
        }
        if (group.deleting() && group.members().isEmpty() && plan.launches().isEmpty()) {
            records.groups.find(key).filter(g -> g.value().members().isEmpty())
                    .ifPresent(g -> records.groups.remove(key, g.version()));
            records.policies.listVersioned(group.scope().key(group.name() + "/"))
                    .forEach(p -> records.policies.remove(records.policies.keyOf(p.value()), p.version()));
            return false;
        }
        return !plan.launches().isEmpty() || plan.members().stream().anyMatch(m -> m.state() != Member.LifecycleState.IN_SERVICE)
                || plan.changesMembers(group);
    }

    /**
     * The decided members over the group as it is now: members the decision saw take their decided
     * form (or leave); members added meanwhile (a launch, a protection change) keep theirs.
     */
    static List<Member> merged(List<Member> now, List<Member> seen, List<Member> decided) {
        List<Member> out = new ArrayList<>();
        for (Member m : now) {
            boolean wasSeen = seen.stream().anyMatch(s -> s.instanceId().equals(m.instanceId()));
            if (!wasSeen) {
                out.add(m);
                continue;
            }
            decided.stream().filter(d -> d.instanceId().equals(m.instanceId())).findFirst()
                    .ifPresent(d -> out.add(d.withProtection(m.protectedFromScaleIn())));
        }
        return out;
    }

    private static String launchCause(Group group, Instant now) {
        return "At " + now + " an instance was started in response to a difference between desired and actual capacity,"
                + " increasing the capacity from " + group.members().stream().filter(Member::counted).count() + " to "
                + group.desiredCapacity() + ".";
    }

    private void activity(Group group, String description, String cause, String status, Instant now) {
        record(group, UUID.randomUUID().toString(), description, cause, status, "", now);
    }

    private void record(Group group, String id, String description, String cause, String status, String message, Instant now) {
        records.record(new Activity(group.accountId(), group.region(), group.name(), id, description, cause, now, clock.instant(),
                status, message, 100, "{\"Subnet ID\":\"" + String.join(",", group.subnetIds()) + "\"}"));
    }

    public void wake() {
        loop.wake();
    }

    @Override
    public void close() {
        loop.close();
    }
}
