package berth.asg.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a group must do so that its instances match its desired capacity: a pure function of the
 * group, what EC2 says of its instances and the time. Level-triggered: the same inputs decide the
 * same, and a pass after a missed change catches up.
 *
 * <ul>
 *   <li>a Pending member whose instance runs is InService;</li>
 *   <li>a member whose instance is gone, shutting down or terminated leaves the group (a Terminating
 *       one as planned; another as an instance terminated outside the group, replaced below);</li>
 *   <li>fewer counted members than desired: launch the difference, each into the subnet whose zone has
 *       the fewest members (the first listed on a tie);</li>
 *   <li>more than desired: terminate the difference among members not protected from scale-in (all
 *       of them when the group is being deleted), as the default termination policy chooses: from the
 *       zone with the most members, then the oldest launched.</li>
 * </ul>
 */
public final class GroupReconciler {
    private GroupReconciler() {}

    /** EC2's view of one instance; absent from the map: EC2 does not know it (any more). */
    public enum Ec2State { PENDING, RUNNING, STOPPING, STOPPED, SHUTTING_DOWN, TERMINATED }

    /** One launch into a subnet of a zone. */
    public record Launch(String subnetId, String availabilityZone) {}

    /** A change of the group's instances, with the activity that records it. */
    public record Plan(List<Member> members, List<Launch> launches, List<Member> terminations, List<String> departures) {
        public boolean changesMembers(Group group) {
            return !members.equals(group.members());
        }
    }

    public static Plan reconcile(Group group, Map<String, Ec2State> observed, Map<String, String> subnetZones, Instant now) {
        List<Member> members = new ArrayList<>();
        List<String> departures = new ArrayList<>();
        for (Member m : group.members()) {
            Optional<Ec2State> state = Optional.ofNullable(observed.get(m.instanceId()));
            boolean gone = state.isEmpty() || state.get() == Ec2State.SHUTTING_DOWN || state.get() == Ec2State.TERMINATED;
            if (gone) {
                if (m.state() != Member.LifecycleState.TERMINATING) departures.add(m.instanceId());
                continue;
            }
            if (m.state() == Member.LifecycleState.PENDING && state.get() == Ec2State.RUNNING) {
                members.add(m.inState(Member.LifecycleState.IN_SERVICE));
            } else {
                members.add(m);
            }
        }
        List<Member> counted = members.stream().filter(Member::counted).toList();
        int desired = group.deleting() ? 0 : group.desiredCapacity();
        List<Launch> launches = new ArrayList<>();
        List<Member> terminations = new ArrayList<>();
        if (counted.size() < desired && !group.subnetIds().isEmpty()) {
            Map<String, Integer> perZone = new HashMap<>();
            counted.forEach(m -> perZone.merge(m.availabilityZone(), 1, Integer::sum));
            for (int n = counted.size(); n < desired; n++) {
                String subnet = group.subnetIds().stream().min(Comparator.comparingInt(s -> perZone.getOrDefault(
                        subnetZones.getOrDefault(s, ""), 0))).orElseThrow();
                String zone = subnetZones.getOrDefault(subnet, "");
                perZone.merge(zone, 1, Integer::sum);
                launches.add(new Launch(subnet, zone));
            }
        } else if (counted.size() > desired) {
            List<Member> candidates = new ArrayList<>(counted.stream()
                    .filter(m -> group.deleting() || !m.protectedFromScaleIn()).toList());
            Map<String, Integer> perZone = new HashMap<>();
            counted.forEach(m -> perZone.merge(m.availabilityZone(), 1, Integer::sum));
            for (int n = counted.size(); n > desired && !candidates.isEmpty(); n--) {
                Member chosen = candidates.stream().max(Comparator.<Member>comparingInt(m -> perZone.get(m.availabilityZone()))
                        .thenComparing(Member::launchedAt, Comparator.reverseOrder())
                        .thenComparing(Member::instanceId)).orElseThrow();
                candidates.remove(chosen);
                perZone.merge(chosen.availabilityZone(), -1, Integer::sum);
                terminations.add(chosen);
            }
            List<Member> marked = new ArrayList<>();
            for (Member m : members) {
                marked.add(terminations.contains(m) ? m.inState(Member.LifecycleState.TERMINATING) : m);
            }
            members = marked;
        }
        return new Plan(List.copyOf(members), List.copyOf(launches), List.copyOf(terminations), List.copyOf(departures));
    }
}
