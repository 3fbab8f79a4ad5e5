package berth.scheduler.state;

import berth.aws.Scope;
import berth.platform.RecordTable;
import berth.platform.RecordTable.Versioned;
import berth.scheduler.core.Invocation;
import berth.scheduler.core.Schedule;
import berth.scheduler.core.ScheduleGroup;
import berth.store.Store;
import berth.store.Write;
import java.util.List;
import java.util.Optional;

/**
 * Schedules, groups and committed invocations in the store: kinds {@code scheduler.schedule} (key
 * {@code account/region/group/name}), {@code scheduler.group} ({@code account/region/name}) and
 * {@code scheduler.invocation} ({@code account/region/group/name/<scheduled, 13 digits>}).
 */
public final class SchedulerRecords {
    public static final String SCHEDULES = "scheduler.schedule";
    public static final String GROUPS = "scheduler.group";
    public static final String INVOCATIONS = "scheduler.invocation";

    private final Store store;
    private final RecordTable<Schedule> schedules;
    private final RecordTable<ScheduleGroup> groups;
    private final RecordTable<Invocation> invocations;

    public SchedulerRecords(Store store) {
        this.store = store;
        this.schedules = new RecordTable<>(store, SCHEDULES, Schedule.class,
                s -> new Scope(s.accountId(), s.region()).key(s.group() + "/" + s.name()));
        this.groups = new RecordTable<>(store, GROUPS, ScheduleGroup.class, g -> new Scope(g.accountId(), g.region()).key(g.name()));
        this.invocations = new RecordTable<>(store, INVOCATIONS, Invocation.class, i -> new Scope(i.accountId(), i.region())
                .key(i.group() + "/" + i.name() + "/" + String.format("%013d", i.scheduledMillis())));
    }

    public Optional<Versioned<Schedule>> schedule(Scope scope, String group, String name) {
        return schedules.find(scope.key(group + "/" + name));
    }

    /** A scope's schedules, of one group when {@code group} is not empty, by group then name. */
    public List<Schedule> schedules(Scope scope, String group) {
        return schedules.list(group.isEmpty() ? scope.prefix() : scope.key(group + "/"));
    }

    public List<Versioned<Schedule>> allSchedules() {
        return schedules.listVersioned("");
    }

    public Optional<Versioned<ScheduleGroup>> group(Scope scope, String name) {
        return groups.find(scope.key(name));
    }

    public List<ScheduleGroup> groups(Scope scope) {
        return groups.list(scope.prefix());
    }

    public void saveSchedule(Schedule schedule, long expectedVersion) {
        schedules.save(schedule, expectedVersion);
    }

    public void saveGroup(ScheduleGroup group, long expectedVersion) {
        groups.save(group, expectedVersion);
    }

    public void deleteSchedule(Schedule schedule, long expectedVersion) {
        schedules.remove(schedules.keyOf(schedule), expectedVersion);
    }

    /** Deletes a group and every schedule in it, in one commit. */
    public void deleteGroup(Scope scope, String name, long expectedVersion, List<Versioned<Schedule>> members) {
        List<Write> writes = new java.util.ArrayList<>();
        if (expectedVersion != Store.ABSENT) writes.add(groups.delete(scope.key(name), expectedVersion));
        for (Versioned<Schedule> member : members) {
            writes.add(schedules.delete(schedules.keyOf(member.value()), member.version()));
        }
        if (!writes.isEmpty()) store.commit(writes);
    }

    public List<Versioned<Schedule>> schedulesVersioned(Scope scope, String group) {
        return schedules.listVersioned(scope.key(group + "/"));
    }

    /**
     * Commits an occurrence: the invocation (which must not exist yet) and the schedule's advanced cursor,
     * or its deletion when it completed and asks for that, in one commit.
     *
     * @throws berth.store.VersionConflict when the schedule changed or the occurrence was already committed
     */
    public void commitInvocation(Invocation invocation, Schedule advanced, long scheduleVersion, boolean deleteSchedule) {
        Write schedule = deleteSchedule ? schedules.delete(schedules.keyOf(advanced), scheduleVersion)
                : schedules.put(advanced, scheduleVersion);
        store.commit(List.of(invocations.put(invocation, Store.ABSENT), schedule));
    }

    public List<Versioned<Invocation>> invocations() {
        return invocations.listVersioned("");
    }

    public void saveInvocation(Invocation invocation, long expectedVersion) {
        invocations.save(invocation, expectedVersion);
    }

    public void deleteInvocation(Invocation invocation, long expectedVersion) {
        invocations.remove(invocations.keyOf(invocation), expectedVersion);
    }
}
