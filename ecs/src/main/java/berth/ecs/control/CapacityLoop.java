package berth.ecs.control;

import berth.aws.Scope;
import berth.aws.SigningKey;
import berth.ecs.core.CapacityProvider;
import berth.ecs.core.Cluster;
import berth.ecs.core.InstanceStatus;
import berth.ecs.core.capacity.ManagedScaling;
import berth.ecs.core.capacity.WaitingPlacement;
import berth.ecs.core.instance.ContainerInstance;
import berth.ecs.core.task.Task;
import berth.ecs.state.CapacityProviderRecords;
import berth.ecs.state.ClusterRecords;
import berth.ecs.state.ContainerInstanceRecords;
import berth.ecs.state.ProviderPlacements;
import berth.ecs.state.TaskRecords;
import berth.platform.Platform;
import berth.platform.RecordTable.Versioned;
import berth.platform.WakeableLoop;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;

/**
 * Auto Scaling group capacity providers at work: waiting tasks are placed as soon as an instance of
 * their provider has room; each group's instances that registered into a cluster of the provider
 * are the provider's container instances; managed scaling sets the group's desired capacity from
 * {@link ManagedScaling}, and managed termination protection protects from scale-in exactly the
 * instances that run tasks, and managed draining sets the instances the group terminates DRAINING. Groups are read and driven through Auto Scaling's API, signed as the
 * provider's account. Runs when tasks, instances or waiting placements change, and every
 * {@code BERTH_ECS_CAPACITY_POLL_MILLIS} (default 1000) while a provider has a group; the reservation
 * must stay below target {@code BERTH_ECS_SCALE_IN_AFTER_SECONDS} (default 900) before a scale-in.
 */
public final class CapacityLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CapacityLoop.class);

    private final Platform platform;
    private final ProviderPlacements placements;
    private final CapacityProviderRecords providers;
    private final ClusterRecords clusters;
    private final ContainerInstanceRecords instances;
    private final TaskRecords tasks;
    private final Duration poll;
    private final Duration scaleInAfter;
    private final Map<String, Instant> belowTargetSince = new ConcurrentHashMap<>();
    private final Map<Scope, AutoScalingClient> clients = new ConcurrentHashMap<>();
    private final SplittableRandom random = new SplittableRandom(new SecureRandom().nextLong());
    private final WakeableLoop loop;

    public CapacityLoop(Platform platform, Duration poll, Duration scaleInAfter) {
        this.platform = platform;
        this.placements = new ProviderPlacements(platform.store(), platform.clock(), new SecureRandom());
        this.providers = new CapacityProviderRecords(platform.store());
        this.clusters = new ClusterRecords(platform.store());
        this.instances = new ContainerInstanceRecords(platform.store());
        this.tasks = new TaskRecords(platform.store());
        this.poll = poll;
        this.scaleInAfter = scaleInAfter;
        this.loop = new WakeableLoop("berth-ecs-capacity", platform.store(), platform.clock(),
                List.of(ProviderPlacements.WAITING_KIND, TaskRecords.KIND, ContainerInstanceRecords.KIND,
                        CapacityProviderRecords.KIND), Duration.ofMillis(100), this::pass);
    }

    public void start() {
        loop.start();
    }

    private Instant pass() {
        Instant now = platform.clock().instant();
        for (WaitingPlacement w : placements.waiting()) {
            try {
                if (placements.placeWaiting(w, random)) {
                    LOG.info("task {} of cluster {} waited for capacity provider {} and is placed", w.taskId(), w.cluster(),
                            w.capacityProvider());
                }
            } catch (RuntimeException e) {
                LOG.warn("task {} not placed: {}", w.taskId(), e.toString());
            }
        }
        boolean anyGroup = false;
        for (CapacityProvider provider : providers.all()) {
            if (provider.autoScalingGroup() == null || provider.autoScalingGroup().autoScalingGroupArn().isEmpty()) continue;
            anyGroup = true;
            try {
                drive(provider, now);
            } catch (RuntimeException e) {
                LOG.debug("capacity provider {}: {}", provider.name(), e.toString());
            }
        }
        return now.plus(anyGroup ? poll : Duration.ofSeconds(30));
    }

    private void drive(CapacityProvider provider, Instant now) {
        Scope scope = provider.scope();
        List<Cluster> using = clusters.list(scope).stream()
                .filter(c -> Cluster.ACTIVE.equals(c.status()) && c.capacityProviders().contains(provider.name())).toList();
        if (using.isEmpty()) return;
        String groupName = groupName(provider.autoScalingGroup().autoScalingGroupArn());
        AutoScalingClient asg = client(scope);
        List<AutoScalingGroup> found = asg.describeAutoScalingGroups(r -> r.autoScalingGroupNames(groupName))
                .autoScalingGroups();
        if (found.isEmpty()) return;
        AutoScalingGroup group = found.get(0);
        Set<String> members = new HashSet<>();
        Set<String> terminating = new HashSet<>();
        group.instances().forEach(i -> {
            members.add(i.instanceId());
            if (i.lifecycleStateAsString().startsWith("Terminating")) terminating.add(i.instanceId());
        });
        boolean draining = !"DISABLED".equals(provider.autoScalingGroup().managedDraining());

        List<ContainerInstance> mine = new ArrayList<>();
        Set<String> busyEc2 = new HashSet<>();
        List<ManagedScaling.Size> waiting = new ArrayList<>();
        for (Cluster cluster : using) {
            for (Versioned<ContainerInstance> v : instances.versioned(scope, cluster.name())) {
                ContainerInstance ci = v.value();
                if (!ci.registered() || !members.contains(ci.ec2InstanceId())) continue;
                if (!ci.capacityProviderName().equals(provider.name())) {
                    ci = instances.update(ci.key(), i -> i.withCapacityProvider(provider.name())).orElse(ci);
                }
                if (draining && terminating.contains(ci.ec2InstanceId()) && ci.status() == InstanceStatus.ACTIVE) {
                    // managed draining: an instance the group is terminating takes no more tasks
                    ci = instances.update(ci.key(), i -> i.status() == InstanceStatus.ACTIVE
                            ? i.withStatus(InstanceStatus.DRAINING, "") : i).orElse(ci);
                    LOG.info("container instance {} drains: its group {} terminates {}", ci.arn(), groupName,
                            ci.ec2InstanceId());
                }
                mine.add(ci);
            }
            for (Versioned<Task> t : tasks.list(scope, cluster.name())) {
                Task task = t.value();
                if (task.stopped()) continue;
                if (task.onInstance()) {
                    mine.stream().filter(ci -> ci.arn().equals(task.containerInstanceArn())).findFirst()
                            .ifPresent(ci -> busyEc2.add(ci.ec2InstanceId()));
                }
            }
        }
        for (WaitingPlacement w : placements.waiting()) {
            if (!w.scope().equals(scope) || !w.capacityProvider().equals(provider.name())) continue;
            tasks.find(w.key()).map(Versioned::value).filter(t -> !t.stopped()).ifPresent(t -> {
                var req = ProviderPlacements.requirements(t, w);
                waiting.add(new ManagedScaling.Size(req.cpuUnits(), req.memoryMiB()));
            });
        }
        CapacityProvider.AutoScalingGroupProvider settings = provider.autoScalingGroup();
        if ("ENABLED".equals(settings.managedScaling().status())) {
            Optional<ManagedScaling.Size> size = mine.stream().map(ci -> new ManagedScaling.Size(
                    ci.registeredResources().cpu(), ci.registeredResources().memoryMiB()))
                    .max((a, b) -> Integer.compare(a.cpuUnits() + a.memoryMiB(), b.cpuUnits() + b.memoryMiB()));
            String key = scope.key(provider.name());
            ManagedScaling.Decision decision = ManagedScaling.decide(new ManagedScaling.Inputs(settings.managedScaling(),
                    group.minSize(), group.maxSize(), group.desiredCapacity(), mine.size(), busyEc2.size(), waiting, size,
                    belowTargetSince.getOrDefault(key, Instant.EPOCH), now, scaleInAfter));
            belowTargetSince.put(key, decision.belowTargetSince());
            if (decision.desiredCapacity() != group.desiredCapacity()) {
                LOG.info("managed scaling of capacity provider {}: CapacityProviderReservation {}% (M={}, N={}),"
                                + " desired capacity of {} {} -> {}", provider.name(), decision.reservation(),
                        decision.instancesNeeded(), mine.size(), groupName, group.desiredCapacity(),
                        decision.desiredCapacity());
                asg.setDesiredCapacity(r -> r.autoScalingGroupName(groupName).desiredCapacity(decision.desiredCapacity())
                        .honorCooldown(false));
            }
        }
        if ("ENABLED".equals(settings.managedTerminationProtection())) {
            List<String> protect = new ArrayList<>();
            List<String> release = new ArrayList<>();
            for (var i : group.instances()) {
                if (!"InService".equals(i.lifecycleStateAsString())) continue;
                boolean busy = busyEc2.contains(i.instanceId());
                if (busy && !Boolean.TRUE.equals(i.protectedFromScaleIn())) protect.add(i.instanceId());
                if (!busy && Boolean.TRUE.equals(i.protectedFromScaleIn())) release.add(i.instanceId());
            }
            if (!protect.isEmpty()) {
                asg.setInstanceProtection(r -> r.autoScalingGroupName(groupName).instanceIds(protect).protectedFromScaleIn(true));
            }
            if (!release.isEmpty()) {
                asg.setInstanceProtection(r -> r.autoScalingGroupName(groupName).instanceIds(release).protectedFromScaleIn(false));
            }
        }
    }

    /** {@code arn:aws:autoscaling:REGION:ACCOUNT:autoScalingGroup:UUID:autoScalingGroupName/NAME}, or a bare name. */
    static String groupName(String arnOrName) {
        int at = arnOrName.indexOf("autoScalingGroupName/");
        return at < 0 ? arnOrName : arnOrName.substring(at + "autoScalingGroupName/".length());
    }

    private AutoScalingClient client(Scope scope) {
        return clients.computeIfAbsent(scope, s -> {
            Optional<SigningKey> key = platform.credentials().find(s.accountId());
            return AutoScalingClient.builder().endpointOverride(platform.endpoint()).region(Region.of(s.region()))
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                            key.map(SigningKey::accessKeyId).orElse("test"), key.map(SigningKey::secretAccessKey).orElse("test"))))
                    .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                    .httpClient(UrlConnectionHttpClient.create()).build();
        });
    }

    @Override
    public void close() {
        loop.close();
        clients.values().forEach(AutoScalingClient::close);
    }
}
