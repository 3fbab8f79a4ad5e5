package berth.elb.state;

import berth.platform.RecordTable;

import berth.elb.core.Listener;
import berth.elb.core.LoadBalancer;
import berth.elb.core.Rule;
import berth.elb.core.TargetGroup;
import berth.elb.core.TargetSet;
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
    public record StoredTargets(String accountId, String region, String targetGroupId, TargetSet targets) {}

    private final Store store;
    public final RecordTable<LoadBalancer> loadBalancers;
    public final RecordTable<TargetGroup> targetGroups;
    public final RecordTable<StoredTargets> targets;
    public final RecordTable<Listener> listeners;
    public final RecordTable<Rule> rules;

    public ElbRecords(Store store) {
        this.store = store;
        loadBalancers = new RecordTable<>(store, "elb.loadbalancer", LoadBalancer.class,
                lb -> scope(lb.accountId(), lb.region()) + lb.name(), Json.RECORDS);
        targetGroups = new RecordTable<>(store, "elb.targetgroup", TargetGroup.class,
                tg -> scope(tg.accountId(), tg.region()) + tg.name(), Json.RECORDS);
        targets = new RecordTable<>(store, "elb.targets", StoredTargets.class,
                t -> scope(t.accountId(), t.region()) + t.targetGroupId(), Json.RECORDS);
        listeners = new RecordTable<>(store, "elb.listener", Listener.class,
                l -> scope(l.accountId(), l.region()) + l.loadBalancerId() + "/" + l.id(), Json.RECORDS);
        rules = new RecordTable<>(store, "elb.rule", Rule.class,
                r -> scope(r.accountId(), r.region()) + r.listenerId() + "/" + r.id(), Json.RECORDS);
    }

    /** {@code ACCOUNT/REGION/}, the prefix of every key in one account and region. */
    public static String scope(String accountId, String region) {
        return accountId + "/" + region + "/";
    }

    public Store store() {
        return store;
    }

    public void commit(List<Write> writes) {
        store.commit(writes);
    }
}
