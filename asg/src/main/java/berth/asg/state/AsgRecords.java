package berth.asg.state;

import berth.asg.core.Activity;
import berth.asg.core.Group;
import berth.asg.core.ScalingPolicy;
import berth.aws.Scope;
import berth.platform.RecordTable;
import berth.store.Store;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Where EC2 Auto Scaling keeps its state in the store:
 * <pre>
 * asg.group     ACCOUNT/REGION/NAME                  Group (with its instances)
 * asg.activity  ACCOUNT/REGION/GROUP/START/ID        Activity (keys sort by start time)
 * asg.policy    ACCOUNT/REGION/GROUP/NAME            ScalingPolicy
 * </pre>
 */
public final class AsgRecords {
    public static final String KIND_PREFIX = "asg.";
    public static final String GROUP_KIND = "asg.group";
    public static final String POLICY_KIND = "asg.policy";
    private static final DateTimeFormatter SORTABLE = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS")
            .withZone(java.time.ZoneOffset.UTC);

    private final Store store;
    public final RecordTable<Group> groups;
    public final RecordTable<Activity> activities;
    public final RecordTable<ScalingPolicy> policies;

    public AsgRecords(Store store) {
        this.store = store;
        groups = new RecordTable<>(store, GROUP_KIND, Group.class, g -> g.scope().key(g.name()));
        activities = new RecordTable<>(store, "asg.activity", Activity.class, a -> a.scope().key(a.groupName() + "/"
                + SORTABLE.format(a.startTime()) + "/" + a.id()));
        policies = new RecordTable<>(store, POLICY_KIND, ScalingPolicy.class, p -> new Scope(p.accountId(), p.region())
                .key(p.groupName() + "/" + p.name()));
    }

    public Store store() {
        return store;
    }

    public List<Activity> activitiesOf(Scope scope, String group) {
        return activities.list(scope.key(group + "/"));
    }

    public void record(Activity activity) {
        activities.save(activity, Store.ABSENT);
    }

    public void update(Activity activity) {
        activities.find(activities.keyOf(activity)).ifPresent(v -> activities.save(activity, v.version()));
    }
}
