package berth.elb.proxy;

import berth.elb.core.HealthCheck;
import berth.elb.core.HealthStateMachine;
import berth.elb.core.HttpCodeMatcher;
import berth.elb.core.ProbeOutcome;
import berth.elb.core.TargetGroup;
import berth.elb.core.TargetHealth;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The health check loop of every target group in use: each tick re-reads the groups' current
 * settings and targets (level-triggered: nothing depends on having seen a change), checks every
 * non-draining target whose interval has passed, and moves its health with
 * {@link HealthStateMachine}. All health state changes on one event loop.
 */
final class HealthMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HealthMonitor.class);
    private static final long TICK_MILLIS = 200;

    private final EventLoop loop;
    private final HealthProber prober;
    private final Supplier<Collection<TargetGroupRuntime>> groups;
    private ScheduledFuture<?> ticking;

    HealthMonitor(Transport transport, Supplier<Collection<TargetGroupRuntime>> groups) {
        this.loop = transport.group.next();
        this.prober = new HealthProber(transport);
        this.groups = groups;
    }

    void start() {
        ticking = loop.scheduleAtFixedRate(this::tick, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        long now = System.nanoTime();
        for (TargetGroupRuntime runtime : groups.get()) {
            TargetGroup group = runtime.group();
            HealthCheck check = group.healthCheck();
            HttpCodeMatcher matcher = check.isHttp() ? check.codeMatcher(group.protocol()) : null;
            for (Backend backend : runtime.backends().values()) {
                if (backend.draining || backend.probing || now - backend.nextCheckNanos < 0) continue;
                backend.nextCheckNanos = now + TimeUnit.SECONDS.toNanos(check.intervalSeconds());
                if (!backend.reachable()) {
                    apply(runtime, backend, new ProbeOutcome.ConnectionFailed("the instance has no known address"));
                    continue;
                }
                backend.probing = true;
                InetSocketAddress target = new InetSocketAddress(backend.address.getAddress(),
                        check.portFor(backend.address.getPort()));
                try {
                    prober.probe(check, matcher, target, outcome -> loop.execute(() -> {
                        backend.probing = false;
                        apply(runtime, backend, outcome);
                    }));
                } catch (RuntimeException e) {
                    backend.probing = false;
                    apply(runtime, backend, new ProbeOutcome.InternalError(e.toString()));
                }
            }
        }
    }

    private void apply(TargetGroupRuntime runtime, Backend backend, ProbeOutcome outcome) {
        if (backend.draining) return;
        HealthCheck check = runtime.group().healthCheck();
        TargetHealth before = backend.health;
        TargetHealth after = HealthStateMachine.next(before, outcome, check.healthyThreshold(), check.unhealthyThreshold());
        backend.health = after;
        if (after.state() != before.state()) {
            LOG.info("target {} of target group {} is {} ({})", backend.key, runtime.arn, after.state().wireName(),
                    after.reason() == TargetHealth.Reason.NONE ? "passed its health check" : after.description());
            runtime.recomputeEligible();
        }
    }

    @Override
    public void close() {
        if (ticking != null) ticking.cancel(false);
    }
}
