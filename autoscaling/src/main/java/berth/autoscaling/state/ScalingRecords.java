package berth.autoscaling.state;

import berth.autoscaling.core.ScalableTarget;
import berth.autoscaling.core.ScalingActivity;
import berth.autoscaling.core.ScalingPolicy;
import berth.autoscaling.core.ScheduledAction;
import berth.aws.Scope;
import berth.platform.RecordJson;
import berth.platform.RecordTable;
import berth.store.Store;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Application Auto Scaling's state: kinds {@code autoscaling.target} (key
 * {@code account/region/namespace|resourceId|dimension}), {@code autoscaling.policy} and
 * {@code autoscaling.scheduled} (key {@code account/region/targetId|name}) and
 * {@code autoscaling.activity} (key {@code account/region/targetId|sequence(19)}).
 */
public final class ScalingRecords {
    public static final String TARGET_KIND = "autoscaling.target";
    public static final String POLICY_KIND = "autoscaling.policy";
    public static final String SCHEDULED_KIND = "autoscaling.scheduled";
    public static final String ACTIVITY_KIND = "autoscaling.activity";

    public final RecordTable<ScalableTarget> targets;
    public final RecordTable<ScalingPolicy> policies;
    public final RecordTable<ScheduledAction> scheduled;
    private final RecordTable<ScalingActivity> activities;
    private final AtomicLong sequence = new AtomicLong(System.currentTimeMillis() * 1000);

    public ScalingRecords(Store store) {
        targets = new RecordTable<>(store, TARGET_KIND, ScalableTarget.class, t -> t.scope().key(t.id()));
        policies = new RecordTable<>(store, POLICY_KIND, ScalingPolicy.class, p -> p.scope().key(p.targetId() + "|" + p.name()));
        scheduled = new RecordTable<>(store, SCHEDULED_KIND, ScheduledAction.class,
                a -> a.scope().key(a.targetId() + "|" + a.name()));
        activities = RecordTable.keyedByOwner(store, ACTIVITY_KIND, RecordJson.STANDARD.codec(ScalingActivity.class));
    }

    public static String targetKey(Scope scope, String namespace, String resourceId, String dimension) {
        return scope.key(ScalableTarget.id(namespace, resourceId, dimension));
    }

    public List<ScalingPolicy> policiesOf(ScalableTarget t) {
        return policies.list(t.scope().key(t.id() + "|"));
    }

    public List<ScheduledAction> scheduledOf(ScalableTarget t) {
        return scheduled.list(t.scope().key(t.id() + "|"));
    }

    public void record(ScalingActivity activity) {
        activities.save(new Scope(activity.accountId(), activity.region()).key(ScalableTarget.id(activity.namespace(),
                activity.resourceId(), activity.dimension()) + "|" + String.format("%019d", activity.sequence())), activity,
                Store.ANY);
    }

    public List<ScalingActivity> activities(Scope scope) {
        return activities.list(scope.prefix());
    }

    public long nextSequence() {
        return sequence.incrementAndGet();
    }
}
