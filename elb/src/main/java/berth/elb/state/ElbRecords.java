package berth.elb.state;

import berth.aws.Scope;
import berth.elb.core.Listener;
import berth.elb.core.LoadBalancer;
import berth.elb.core.Rule;
import berth.elb.core.TargetGroup;
import berth.elb.core.TargetSet;
import berth.platform.RecordTable;
import berth.store.Store;
import berth.store.Write;
import java.util.List;

/**
 * Where ELB keeps its state in the store:
 * <pre>
 * elb.loadbalancer  ACCOUNT/REGION/NAME                 LoadBalancer
 * elb.targetgroup   ACCOUNT/REGION/NAME                 TargetGroup
 * elb.targets       ACCOUNT/REGION/TARGETGROUPID        TargetSet (a group's registered targets)
 * elb.listener      ACCOUNT/REGION/LBID/LISTENERID      Listener
 * elb.rule          ACCOUNT/REGION/LISTENERID/RULEID    Rule
 * </pre>
 */
public final class ElbRecords {
    public static final String KIND_PREFIX = "elb.";

    /** A target group's targets under the key of the group's id. */
    public record StoredTargets(String accountId, String region, String targetGroupId, TargetSet targets) {
        public static StoredTargets of(TargetGroup group, TargetSet targets) {
            return new StoredTargets(group.accountId(), group.region(), group.id(), targets);
        }

        public Scope scope() {
            return new Scope(accountId, region);
        }

        public StoredTargets with(TargetSet changed) {
            return new StoredTargets(accountId, region, targetGroupId, changed);
        }
    }

    private final Store store;
    public final RecordTable<LoadBalancer> loadBalancers;
    public final RecordTable<TargetGroup> targetGroups;
    public final RecordTable<StoredTargets> targets;
    public final RecordTable<Listener> listeners;
    public final RecordTable<Rule> rules;

    public ElbRecords(Store store) {
        this.store = store;
        loadBalancers = new RecordTable<>(store, "elb.loadbalancer", LoadBalancer.class,
                lb -> lb.scope().key(lb.name()), Json.RECORDS);
        targetGroups = new RecordTable<>(store, "elb.targetgroup", TargetGroup.class,
                tg -> tg.scope().key(tg.name()), Json.RECORDS);
        targets = new RecordTable<>(store, "elb.targets", StoredTargets.class,
                t -> t.scope().key(t.targetGroupId()), Json.RECORDS);
        listeners = new RecordTable<>(store, "elb.listener", Listener.class,
                l -> childKey(l.scope(), l.loadBalancerId(), l.id()), Json.RECORDS);
        rules = new RecordTable<>(store, "elb.rule", Rule.class,
                r -> childKey(r.scope(), r.listenerId(), r.id()), Json.RECORDS);
    }

    /** {@code ACCOUNT/REGION/PARENTID/}: the prefix of the listeners of a load balancer, or the rules of a listener. */
    public static String children(Scope scope, String parentId) {
        return scope.key(parentId + "/");
    }

    /** {@code ACCOUNT/REGION/PARENTID/ID}: the key of a listener of a load balancer, or a rule of a listener. */
    public static String childKey(Scope scope, String parentId, String id) {
        return children(scope, parentId) + id;
    }

    /** The key of a target group's targets: {@code ACCOUNT/REGION/TARGETGROUPID}. */
    public static String targetsKey(TargetGroup group) {
        return group.scope().key(group.id());
    }

    public Store store() {
        return store;
    }

    public void commit(List<Write> writes) {
        store.commit(writes);
    }
}
