package berth.ec2.state;

import berth.aws.Scope;
import berth.ec2.core.Ids;
import berth.ec2.core.Instance;
import berth.ec2.core.KeyPair;
import berth.ec2.core.LaunchTemplate;
import berth.ec2.core.Networks;
import berth.ec2.core.SecurityGroup;
import berth.ec2.core.Subnet;
import berth.ec2.core.Vpc;
import berth.platform.RecordTable;
import berth.store.Store;
import berth.store.VersionConflict;
import berth.store.Write;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where EC2 keeps its state in the store:
 * <pre>
 * ec2.network        ACCOUNT/REGION/default     DefaultNetworkMade (the default VPC was made once)
 * ec2.vpc            ACCOUNT/REGION/VPCID       Vpc
 * ec2.subnet         ACCOUNT/REGION/SUBNETID    Subnet (with the addresses its instances hold)
 * ec2.securitygroup  ACCOUNT/REGION/GROUPID     SecurityGroup (with its rules)
 * ec2.keypair        ACCOUNT/REGION/NAME        KeyPair
 * ec2.launchtemplate ACCOUNT/REGION/TEMPLATEID  LaunchTemplate (with its versions)
 * ec2.instance       ACCOUNT/REGION/INSTANCEID  Instance
 * </pre>
 */
public final class Ec2Records {
    public static final String KIND_PREFIX = "ec2.";
    public static final String INSTANCE_KIND = "ec2.instance";

    /** That a scope's default VPC was made (whether or not it still exists: a deleted one does not come back). */
    public record DefaultNetworkMade(String accountId, String region, String vpcId, Instant madeAt) {
        public Scope scope() {
            return new Scope(accountId, region);
        }
    }

    private final Store store;
    private final Ids ids;
    private final Clock clock;
    public final RecordTable<DefaultNetworkMade> networks;
    public final RecordTable<Vpc> vpcs;
    public final RecordTable<Subnet> subnets;
    public final RecordTable<SecurityGroup> groups;
    public final RecordTable<KeyPair> keyPairs;
    public final RecordTable<LaunchTemplate> templates;
    public final RecordTable<Instance> instances;

    public Ec2Records(Store store, Ids ids, Clock clock) {
        this.store = store;
        this.ids = ids;
        this.clock = clock;
        networks = new RecordTable<>(store, "ec2.network", DefaultNetworkMade.class, n -> n.scope().key("default"));
        vpcs = new RecordTable<>(store, "ec2.vpc", Vpc.class, v -> v.scope().key(v.id())).reusingReads(256);
        subnets = new RecordTable<>(store, "ec2.subnet", Subnet.class, s -> s.scope().key(s.id()));
        groups = new RecordTable<>(store, "ec2.securitygroup", SecurityGroup.class, g -> g.scope().key(g.id()));
        keyPairs = new RecordTable<>(store, "ec2.keypair", KeyPair.class, k -> k.scope().key(k.name()));
        templates = new RecordTable<>(store, "ec2.launchtemplate", LaunchTemplate.class, t -> t.scope().key(t.id()));
        instances = new RecordTable<>(store, INSTANCE_KIND, Instance.class, i -> i.scope().key(i.id()));
    }

    public Store store() {
        return store;
    }

    public Ids ids() {
        return ids;
    }

    public void commit(List<Write> writes) {
        store.commit(writes);
    }

    /**
     * Makes the scope's default VPC, its subnets and default security group, once: every account has
     * one in every region, made here the first time any EC2 call of the scope needs it. Concurrent
     * first calls make it once (compare-and-set on the marker).
     */
    public void ensureDefaultNetwork(Scope scope) {
        if (networks.find(scope.key("default")).isPresent()) return;
        Networks.DefaultNetwork network = Networks.defaultNetwork(scope, ids, clock.instant());
        List<Write> writes = new ArrayList<>();
        writes.add(networks.put(new DefaultNetworkMade(scope.accountId(), scope.region(), network.vpc().id(),
                clock.instant()), Store.ABSENT));
        writes.add(vpcs.put(network.vpc(), Store.ABSENT));
        writes.add(groups.put(network.defaultGroup(), Store.ABSENT));
        network.subnets().forEach(s -> writes.add(subnets.put(s, Store.ABSENT)));
        try {
            store.commit(writes);
        } catch (VersionConflict alreadyMade) {
            // another call made it first
        }
    }

    /** The scope's default VPC, when it has one. */
    public Optional<Vpc> defaultVpc(Scope scope) {
        ensureDefaultNetwork(scope);
        return vpcs.list(scope.prefix()).stream().filter(Vpc::defaultVpc).findFirst();
    }

    public Optional<RecordTable.Versioned<Vpc>> vpc(Scope scope, String id) {
        return vpcs.find(scope.key(id));
    }

    public Optional<RecordTable.Versioned<Subnet>> subnet(Scope scope, String id) {
        return subnets.find(scope.key(id));
    }

    public Optional<RecordTable.Versioned<SecurityGroup>> group(Scope scope, String id) {
        return groups.find(scope.key(id));
    }

    public Optional<RecordTable.Versioned<Instance>> instance(Scope scope, String id) {
        return instances.find(scope.key(id));
    }
}
