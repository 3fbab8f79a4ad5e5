package berth.apprunner.control;

import berth.apprunner.core.AppService;
import berth.apprunner.core.AutoScaling;
import berth.apprunner.core.ConcurrencyScaling;
import berth.apprunner.core.Ids;
import berth.apprunner.core.Ingress;
import berth.apprunner.core.Operation;
import berth.apprunner.core.ServiceProgress;
import berth.apprunner.state.AppRunnerRecords;
import berth.aws.Scope;
import berth.elb.TargetGroupLoad;
import berth.platform.RecordTable.Versioned;
import berth.platform.WakeableLoop;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * App Runner's control loop, level-triggered: each pass re-reads every service and moves what it
 * runs on one step nearer to what was asked (resources made, the wanted generation deployed, a
 * push to an auto-deployed tag deployed, paused or resumed, deleted), samples the requests in
 * flight to its target group and sets its ECS service's desired count by
 * {@link ConcurrencyScaling}, and ends the running operation once ECS shows it done
 * ({@link ServiceProgress}). ECS's service scheduler starts and stops the tasks.
 */
public final class ServiceLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceLoop.class);

    private final AppRunnerRecords records;
    private final ServiceResources resources;
    private final SourceBuilds builds;
    private final Supplier<Optional<TargetGroupLoad>> load;
    private final Clock clock;
    private final AppRunnerSettings settings;
    private final WakeableLoop loop;
    /** Since when each service's load has wanted fewer instances; lost on restart, which only delays a scale-in. */
    private final Map<String, Instant> lowSince = new ConcurrentHashMap<>();

    public ServiceLoop(AppRunnerRecords records, AccountClients clients, Supplier<Optional<TargetGroupLoad>> load,
                       Clock clock, AppRunnerSettings settings, String registryHost) {
        this.records = records;
        this.resources = new ServiceResources(clients, settings);
        this.builds = new SourceBuilds(clients, registryHost, RuntimeImages.fromEnvironment(System.getenv()));
        this.load = load;
        this.clock = clock;
        this.settings = settings;
        this.loop = new WakeableLoop("apprunner-services", records.store(), clock, List.of(AppRunnerRecords.SERVICE),
                java.time.Duration.ofMillis(100), this::pass);
    }

    public void start() {
        loop.start();
    }

    public void wake() {
        loop.wake();
    }

    private Instant pass() {
        for (Versioned<AppService> v : records.allServices()) {
            try {
                converge(v.value());
            } catch (RuntimeException e) {
                LOG.warn("App Runner service {}: {}", v.value().arn(), e.toString());
                failIfLate(v.value(), e);
            }
        }
        return clock.instant().plus(settings.pass());
    }

    private void converge(AppService s) {
        if (s.deleting()) {
            if (resources.remove(s)) {
                records.remove(s);
                lowSince.remove(s.arn());
                LOG.info("App Runner service {} deleted", s.arn());
            }
            return;
        }
        Ingress ingress = ingress(s.scope());
        AppService.Resources made = s.resources();
        if (made.targetGroupArn().isEmpty()) {
            resources.logGroups(s);
            event(s, "Service creation started.");
            made = made.withTargetGroup(resources.targetGroup(s));
            s = saveResources(s, made);
        }
        if (made.ruleArn().isEmpty()) {
            made = made.withRule(resources.rule(s, ingress, made.targetGroupArn()));
            s = saveResources(s, made);
        }
        s = domains(s, ingress);
        AutoScaling scaling = scaling(s);
        Optional<String> digest = Optional.empty();
        boolean idle = s.runningOperation().isEmpty() && !s.paused() && made.generation() == s.generation();
        if (s.code() != null) {
            if (s.source().autoDeploy() && idle && made.builtGeneration() == s.generation()) {
                Optional<String> head = builds.head(s.code());
                if (head.isPresent() && !head.get().equals(made.builtCommit())) {
                    s = beginAutomaticDeployment(s, "commit " + head.get());
                    made = s.resources();
                }
            }
            if (made.builtGeneration() != s.generation()) {
                Optional<SourceBuilds.Built> built;
                try {
                    built = builds.build(s);
                } catch (IllegalStateException failed) {
                    s = saveResources(s, made.built("", "", s.generation()));
                    endRunning(s, "FAILED", "build failed: " + failed.getMessage());
                    return;
                }
                if (built.isEmpty()) return;
                made = made.built(built.get().image(), built.get().commit(), s.generation());
                s = saveResources(s, made);
                event(s, "Built commit " + built.get().commit() + " as " + built.get().image() + ".");
            }
            if (made.builtImage().isEmpty()) return;
        } else {
            digest = resources.currentDigest(s);
            if (s.source().autoDeploy() && idle && digest.isPresent() && !digest.get().equals(made.imageDigest())) {
                s = beginAutomaticDeployment(s, "image " + digest.get());
                made = s.resources();
            }
        }
        if (made.generation() != s.generation()) {
            if (made.generation() > 0) resources.targetGroup(s); // the health check may have changed
            final AppService current = s;
            String image = s.code() != null ? made.builtImage()
                    : digest.map(d -> current.source().byDigest(d)).orElse(s.source().imageIdentifier());
            String definition = resources.taskDefinition(s, image);
            int desired = s.paused() ? 0 : Math.max(scaling.minSize(), Math.min(scaling.maxSize(), made.desiredCount()));
            resources.deploy(s, made.targetGroupArn(), definition, desired);
            made = made.deployed(resources.ecsServiceName(s), definition, digest.orElse(""), s.generation(), desired);
            s = saveResources(s, made);
            LOG.info("App Runner service {} deploys {} as {} ({} instances)", s.arn(), image, definition, desired);
        } else if (s.paused() != (made.desiredCount() == 0)) {
            int desired = s.paused() ? 0 : scaling.minSize();
            resources.scale(s, desired);
            s = saveResources(s, made.withDesiredCount(desired));
        } else if (!s.paused()) {
            autoScale(s, scaling);
        }
        Optional<Operation> running = s.runningOperation();
        if (running.isPresent()) {
            Optional<ServiceProgress.Observed> observed = resources.observe(s);
            if (observed.isPresent()) {
                Optional<ServiceProgress.End> end = ServiceProgress.decide(running.get(), observed.get(), clock.instant(),
                        settings.deployTimeout());
                if (end.isPresent()) {
                    Instant now = clock.instant();
                    String opId = running.get().id();
                    AppService ended = records.update(s, x -> x.runningOperation().filter(o -> o.id().equals(opId)).isPresent()
                            ? x.end(end.get().operationStatus(), end.get().serviceStatus(), now) : x).orElse(s);
                    event(ended, running.get().type() + " " + end.get().operationStatus().toLowerCase() + "; service is "
                            + end.get().serviceStatus() + ".");
                    LOG.info("App Runner service {}: {} {}", s.arn(), running.get().type(), end.get().operationStatus());
                }
            }
        }
    }

    /** Makes a rule for each CREATING custom domain and removes each DELETING one's. */
    private AppService domains(AppService s, Ingress ingress) {
        boolean pending = s.domains().stream().anyMatch(d -> !d.status().equals("ACTIVE"));
        if (!pending) return s;
        java.util.List<berth.apprunner.core.CustomDomain> next = new java.util.ArrayList<>();
        for (berth.apprunner.core.CustomDomain d : s.domains()) {
            switch (d.status()) {
                case "CREATING" -> next.add(d.active(resources.domainRule(s, ingress, d.hosts())));
                case "DELETING" -> resources.removeRule(s, d.ruleArn());
                default -> next.add(d);
            }
        }
        java.util.List<berth.apprunner.core.CustomDomain> made = java.util.List.copyOf(next);
        return records.update(s, x -> x.withDomains(made)).orElse(s);
    }

    private AppService beginAutomaticDeployment(AppService s, String what) {
        Instant now = clock.instant();
        Operation op = new Operation(Ids.random(), "START_DEPLOYMENT", "IN_PROGRESS", now, now, null);
        AppService next = records.update(s, x -> x.begin(op, true, x.paused(), false, now)).orElse(s);
        event(next, "Deployment with " + what + " started (automatic deployment).");
        return next;
    }

    /** Ends the running operation with {@code status}: a failed create leaves the service CREATE_FAILED. */
    private void endRunning(AppService s, String status, String why) {
        Optional<Operation> running = s.runningOperation();
        if (running.isEmpty()) return;
        Instant now = clock.instant();
        String serviceStatus = status.equals("SUCCEEDED") ? "RUNNING"
                : running.get().type().equals("CREATE_SERVICE") ? "CREATE_FAILED" : "RUNNING";
        String opId = running.get().id();
        records.update(s, x -> x.runningOperation().filter(o -> o.id().equals(opId)).isPresent()
                ? x.end(status, serviceStatus, now) : x);
        event(s, running.get().type() + " " + status.toLowerCase() + ": " + why);
        LOG.info("App Runner service {}: {} {}: {}", s.arn(), running.get().type(), status, why);
    }

    /** A running operation that keeps failing ends FAILED at its deadline, as one ECS never completes does. */
    private void failIfLate(AppService s, RuntimeException cause) {
        Optional<Operation> running = s.runningOperation();
        if (running.isEmpty() || s.deleting()) return;
        Instant now = clock.instant();
        if (java.time.Duration.between(running.get().startedAt(), now).compareTo(settings.deployTimeout()) <= 0) return;
        String status = running.get().type().equals("CREATE_SERVICE") ? "CREATE_FAILED" : "RUNNING";
        String opId = running.get().id();
        records.update(s, x -> x.runningOperation().filter(o -> o.id().equals(opId)).isPresent()
                ? x.end("FAILED", status, now) : x);
        event(s, running.get().type() + " failed: " + cause.getMessage());
    }

    /** Sets the desired count from the requests in flight, as {@link ConcurrencyScaling} decides. */
    private void autoScale(AppService s, AutoScaling scaling) {
        AppService.Resources made = s.resources();
        int inFlight = load.get().map(l -> l.inFlight(made.targetGroupArn())).orElse(0);
        ConcurrencyScaling.Decision d = ConcurrencyScaling.decide(made.desiredCount(), inFlight, scaling,
                lowSince.get(s.arn()), clock.instant(), settings.scaleInDelay());
        if (d.lowSince() == null) lowSince.remove(s.arn());
        else lowSince.put(s.arn(), d.lowSince());
        if (d.desired() != made.desiredCount()) {
            resources.scale(s, d.desired());
            saveResources(s, made.withDesiredCount(d.desired()));
            LOG.info("App Runner service {} scales from {} to {} instances ({} requests in flight, {} per instance)",
                    s.arn(), made.desiredCount(), d.desired(), inFlight, scaling.maxConcurrency());
        }
    }

    private AutoScaling scaling(AppService s) {
        return records.scalings(s.scope()).stream().filter(a -> a.arn().equals(s.autoScalingArn())).findFirst()
                .orElseGet(() -> AutoScaling.defaultFor(s.scope(), clock.instant()));
    }

    private Ingress ingress(Scope scope) {
        Versioned<Ingress> v = records.ingress(scope).orElseThrow(() -> new IllegalStateException("no ingress for " + scope));
        if (!v.value().listenerArn().isEmpty()) return v.value();
        Ingress made = resources.ingress(v.value());
        records.saveIngress(made, v.version());
        return made;
    }

    private AppService saveResources(AppService s, AppService.Resources made) {
        return records.update(s, x -> x.withResources(made)).orElse(s);
    }

    private void event(AppService s, String message) {
        try {
            resources.event(s, message, clock.millis());
        } catch (RuntimeException e) {
            LOG.debug("App Runner service {}: event not written: {}", s.arn(), e.toString());
        }
    }

    @Override
    public void close() {
        loop.close();
        builds.close();
    }
}
