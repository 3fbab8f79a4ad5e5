package berth.apprunner.state;

import berth.apprunner.core.AppService;
import berth.apprunner.core.AutoScaling;
import berth.apprunner.core.Ingress;
import berth.aws.Scope;
import berth.platform.RecordJson;
import berth.platform.RecordTable;
import berth.platform.RecordTable.Versioned;
import berth.store.Store;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * App Runner's records: services (kind {@code apprunner.service}, key {@code account/region/name})
 * and auto scaling configuration revisions (kind {@code apprunner.autoscaling}, key
 * {@code account/region/name/revision}, the revision zero-padded so revisions list in order), and
 * each scope's ingress (kind {@code apprunner.ingress}, key {@code account/region/ingress}).
 */
public final class AppRunnerRecords {
    public static final String KIND_PREFIX = "apprunner.";
    public static final String SERVICE = "apprunner.service";
    public static final String AUTOSCALING = "apprunner.autoscaling";
    public static final String INGRESS = "apprunner.ingress";
    public static final String EXPRESS = "apprunner.express";
    public static final String SETTING = "apprunner.setting";
    public static final String CONNECTION = "apprunner.connection";

    private final Store store;
    private final RecordTable<AppService> services;
    private final RecordTable<AutoScaling> scaling;
    private final RecordTable<Ingress> ingress;
    private final RecordTable<berth.apprunner.core.ExpressService> express;
    private final RecordTable<berth.apprunner.core.SettingRevision> settings;
    private final RecordTable<berth.apprunner.core.Connection> connections;

    public AppRunnerRecords(Store store) {
        this.store = store;
        this.services = new RecordTable<>(store, SERVICE, RecordJson.STANDARD.codec(AppService.class),
                s -> s.scope().key(s.name()));
        this.scaling = new RecordTable<>(store, AUTOSCALING, RecordJson.STANDARD.codec(AutoScaling.class),
                a -> scalingKey(a.scope(), a.name(), a.revision()));
        this.ingress = new RecordTable<>(store, INGRESS, RecordJson.STANDARD.codec(Ingress.class),
                i -> i.scope().key("ingress"));
        this.express = new RecordTable<>(store, EXPRESS, RecordJson.STANDARD.codec(berth.apprunner.core.ExpressService.class),
                e -> expressKey(e.serviceArn()));
        this.settings = new RecordTable<>(store, SETTING, RecordJson.STANDARD.codec(berth.apprunner.core.SettingRevision.class),
                v -> v.scope().key(v.kind() + "/" + v.name() + "/" + String.format("%010d", v.revision())));
        this.connections = new RecordTable<>(store, CONNECTION, RecordJson.STANDARD.codec(berth.apprunner.core.Connection.class),
                c -> c.scope().key(c.name()));
    }

    /** The scope's connections (kind {@code apprunner.connection}, key {@code account/region/name}), by name. */
    public List<berth.apprunner.core.Connection> connections(Scope scope) {
        return connections.list(scope.key(""));
    }

    public Optional<Versioned<berth.apprunner.core.Connection>> connection(Scope scope, String name) {
        return connections.find(scope.key(name));
    }

    public void saveConnection(berth.apprunner.core.Connection value, long version) {
        connections.save(value, version);
    }

    public void removeConnection(berth.apprunner.core.Connection value, long version) {
        connections.remove(value.scope().key(value.name()), version);
    }

    /** The scope's revisions of one kind of setting, by name and revision. */
    public List<berth.apprunner.core.SettingRevision> settings(Scope scope, String kind) {
        return settings.list(scope.key(kind + "/"));
    }

    public Optional<Versioned<berth.apprunner.core.SettingRevision>> setting(berth.apprunner.core.SettingRevision v) {
        return settings.find(settings.keyOf(v));
    }

    public void commitSettings(List<Versioned<berth.apprunner.core.SettingRevision>> changes) {
        store.commit(changes.stream().map(v -> settings.put(v.value(), v.version())).toList());
    }

    /** Express services are keyed by their ECS service ARN's scope, cluster and name. */
    static String expressKey(String serviceArn) {
        String[] parts = serviceArn.split(":", 6);
        if (parts.length != 6) return "";
        return new Scope(parts[4], parts[3]).key(parts[5].substring(parts[5].indexOf('/') + 1));
    }

    public Optional<Versioned<berth.apprunner.core.ExpressService>> express(String serviceArn) {
        String key = expressKey(serviceArn);
        return key.isEmpty() ? Optional.empty() : express.find(key);
    }

    public void saveExpress(berth.apprunner.core.ExpressService value, long version) {
        express.save(value, version);
    }

    public void removeExpress(berth.apprunner.core.ExpressService value) {
        express.find(expressKey(value.serviceArn())).ifPresent(v -> express.remove(expressKey(value.serviceArn()), v.version()));
    }

    public Optional<Versioned<Ingress>> ingress(Scope scope) {
        return ingress.find(scope.key("ingress"));
    }

    /** The scope's ingress, made with {@code port} when it has none yet. */
    public Ingress ingressOrCreate(Scope scope, java.util.function.IntSupplier port) {
        Optional<Versioned<Ingress>> found = ingress(scope);
        if (found.isPresent()) return found.get().value();
        Ingress made = new Ingress(scope.accountId(), scope.region(), port.getAsInt(), "", "");
        try {
            ingress.save(made, Store.ABSENT);
            return made;
        } catch (RuntimeException raced) {
            return ingress(scope).map(Versioned::value).orElseThrow(() -> raced);
        }
    }

    public void saveIngress(Ingress value, long version) {
        ingress.save(value, version);
    }

    public Store store() {
        return store;
    }

    static String scalingKey(Scope scope, String name, int revision) {
        return scope.key(name + "/" + String.format("%010d", revision));
    }

    public Optional<Versioned<AppService>> service(Scope scope, String name) {
        return services.find(scope.key(name));
    }

    /** The service an ARN names, in the ARN's own scope. */
    public Optional<Versioned<AppService>> serviceByArn(String arn) {
        String[] parts = arn.split(":", 6);
        if (parts.length != 6 || !parts[2].equals("apprunner") || !parts[5].startsWith("service/")) return Optional.empty();
        String[] path = parts[5].split("/");
        if (path.length != 3) return Optional.empty();
        return service(new Scope(parts[4], parts[3]), path[1]).filter(v -> v.value().arn().equals(arn));
    }

    public List<AppService> services(Scope scope) {
        return services.list(scope.prefix());
    }

    public List<Versioned<AppService>> allServices() {
        return services.listVersioned("");
    }

    public void create(AppService service) {
        services.save(service, Store.ABSENT);
    }

    public void save(AppService service, long version) {
        services.save(service, version);
    }

    public Optional<AppService> update(AppService service, UnaryOperator<AppService> change) {
        return services.update(services.keyOf(service), change);
    }

    public void remove(AppService service) {
        services.find(services.keyOf(service)).ifPresent(v -> services.remove(services.keyOf(service), v.version()));
    }

    public List<AutoScaling> scalings(Scope scope) {
        return scaling.list(scope.prefix());
    }

    public Optional<Versioned<AutoScaling>> scaling(Scope scope, String name, int revision) {
        return scaling.find(scalingKey(scope, name, revision));
    }

    public void saveScaling(AutoScaling config, long version) {
        scaling.save(config, version);
    }

    /** Writes several revisions in one commit (a new revision and the previous latest one). */
    public void commitScalings(List<Versioned<AutoScaling>> changes) {
        store.commit(changes.stream().map(v -> scaling.put(v.value(), v.version())).toList());
    }
}
