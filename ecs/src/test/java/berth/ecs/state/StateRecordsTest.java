package berth.ecs.state;

import berth.aws.Scope;
import static org.assertj.core.api.Assertions.assertThat;

import berth.ecs.core.ClusterSnapshot;
import berth.ecs.core.InstanceStatus;
import berth.ecs.core.TaskOnInstance;
import berth.ecs.core.instance.ContainerInstance;
import berth.ecs.core.instance.ContainerInstanceRegistration;
import berth.ecs.core.instance.InstanceAttribute;
import berth.ecs.core.instance.InstanceIdentity;
import berth.ecs.core.instance.InstanceResources;
import berth.ecs.core.instance.VersionInfo;
import berth.ecs.core.taskdef.ContainerDefinition;
import berth.ecs.core.taskdef.ContainerDependency;
import berth.ecs.core.taskdef.HealthCheck;
import berth.ecs.core.taskdef.LinuxParameters;
import berth.ecs.core.taskdef.LogConfiguration;
import berth.ecs.core.taskdef.PortMapping;
import berth.ecs.core.taskdef.RuntimePlatform;
import berth.ecs.core.taskdef.Secret;
import berth.ecs.core.taskdef.TaskDefinition;
import berth.ecs.core.taskdef.TaskDefinitionRef;
import berth.ecs.core.taskdef.TaskDefinitionRegistration;
import berth.ecs.core.taskdef.TaskDefinitionStatus;
import berth.ecs.core.taskdef.Volume;
import berth.store.Store;
import berth.store.embedded.EmbeddedStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateRecordsTest {
    private static final Scope SCOPE = new Scope("123456789012", "us-east-1");
    @TempDir
    Path dir;
    Store store;

    @BeforeEach
    void open() {
        store = EmbeddedStore.open(dir);
    }

    @AfterEach
    void close() {
        store.close();
    }

    static TaskDefinition definition(String family) {
        ContainerDefinition web = ContainerDefinition.builder("web", "nginx:1.27")
                .memoryMiB(256).memoryReservationMiB(128).cpu(256)
                .portMappings(List.of(new PortMapping(80, 0, "tcp", "http", "http")))
                .environment(List.of(new berth.ecs.core.taskdef.KeyValue("MODE", "prod")))
                .secrets(List.of(new Secret("DB", "arn:aws:secretsmanager:us-east-1:123456789012:secret:db")))
                .healthCheck(new HealthCheck(List.of("CMD-SHELL", "curl -f localhost"), 30, 5, 3, 10))
                .linuxParameters(new LinuxParameters(true, List.of("NET_ADMIN"), List.of(), List.of(), 64, List.of(),
                        LinuxParameters.UNSET, 0))
                .logConfiguration(new LogConfiguration("json-file", Map.of("max-size", "10m"), List.of()))
                .dockerLabels(Map.of("team", "blue"))
                .dependsOn(List.of(new ContainerDependency("init", ContainerDependency.Condition.COMPLETE)))
                .build();
        ContainerDefinition init = ContainerDefinition.builder("init", "busybox").memoryMiB(32).essential(false).build();
        TaskDefinition draft = new TaskDefinition("123456789012", "us-east-1", family, 0, TaskDefinitionStatus.ACTIVE,
                "", "arn:aws:iam::123456789012:role/exec", "bridge", List.of(web, init),
                List.of(Volume.host("scratch", "")), List.of(), List.of(), List.of(), List.of(), "", "", 0, 0, "",
                "", 0, RuntimePlatform.none(), Map.of("env", "prod"), Instant.parse("2026-01-01T00:00:00Z"),
                Instant.EPOCH, "arn:aws:iam::123456789012:root");
        return TaskDefinitionRegistration.register(draft);
    }

    @Test
    void taskDefinitionsRoundTripAndNumberRevisionsPerFamily() {
        TaskDefinitionRecords records = new TaskDefinitionRecords(store);
        TaskDefinition first = records.register(definition("web"));
        TaskDefinition second = records.register(definition("web"));
        TaskDefinition other = records.register(definition("web-worker"));
        assertThat(first.revision()).isEqualTo(1);
        assertThat(second.revision()).isEqualTo(2);
        assertThat(other.revision()).isEqualTo(1);
        assertThat(records.find(SCOPE, "web", 1).orElseThrow().value()).isEqualTo(first);
        records.update(SCOPE, "web", 2,
                d -> d.withStatus(TaskDefinitionStatus.INACTIVE, Instant.parse("2026-02-01T00:00:00Z")));
        var latest = records.resolve(SCOPE, TaskDefinitionRef.parse("web").orElseThrow());
        assertThat(latest.orElseThrow().value().revision()).isEqualTo(1);
        assertThat(records.family(SCOPE, "web")).extracting(TaskDefinition::revision)
                .containsExactly(1, 2);
        assertThat(records.family(SCOPE, "web").get(1).deregistered())
                .contains(Instant.parse("2026-02-01T00:00:00Z"));
        assertThat(records.resolve(new Scope("999999999999", "us-east-1"), TaskDefinitionRef.parse(first.arn().replace(
                "123456789012", "999999999999")).orElseThrow())).isEmpty();
    }

    @Test
    void concurrentRegistrationsGetDistinctRevisions() throws Exception {
        TaskDefinitionRecords records = new TaskDefinitionRecords(store);
        TaskDefinition draft = definition("busy");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Integer>> revisions = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            revisions.add(pool.submit(() -> records.register(draft).revision()));
        }
        List<Integer> got = new ArrayList<>();
        for (Future<Integer> revision : revisions) {
            got.add(revision.get());
        }
        pool.shutdown();
        Collections.sort(got);
        assertThat(got).containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 20).boxed().toList());
    }

    @Test
    void instancesRoundTripAndBuildTheClusterSnapshot() {
        ContainerInstanceRecords records = new ContainerInstanceRecords(store);
        ContainerInstance a = instance("a", "i-1");
        ContainerInstance b = instance("b", "i-2");
        records.save(a, Store.ABSENT);
        records.save(b, Store.ABSENT);
        records.update(SCOPE, "prod", "b", i -> i.withStatus(InstanceStatus.INACTIVE, ""));
        assertThat(records.find(SCOPE, "prod", "a").orElseThrow().value()).isEqualTo(a);
        assertThat(records.registered(SCOPE, "prod")).extracting(ContainerInstance::id)
                .containsExactly("a");
        ClusterSnapshot snapshot = records.snapshot(SCOPE, "prod",
                arn -> List.of(new TaskOnInstance("family:web", "web")));
        assertThat(snapshot.instances()).hasSize(1);
        assertThat(snapshot.instances().get(0).tasks()).hasSize(1);
        assertThat(snapshot.instances().get(0).attributes()).containsEntry("stack", "blue");
    }

    @Test
    void clusterActivityCountsTheTaskAndServiceRecords() {
        put(ClusterActivity.TASK_KIND, "123456789012/us-east-1/prod/t1",
                "{\"lastStatus\":\"RUNNING\",\"launchType\":\"EC2\",\"containerInstanceArn\":\"arn:i/a\","
                        + "\"group\":\"service:web\",\"taskDefinitionArn\":\"arn:aws:ecs:us-east-1:1:task-definition/web:3\"}");
        put(ClusterActivity.TASK_KIND, "123456789012/us-east-1/prod/t2", "{\"lastStatus\":\"PENDING\",\"launchType\":\"FARGATE\"}");
        put(ClusterActivity.TASK_KIND, "123456789012/us-east-1/prod/t3", "{\"lastStatus\":\"STOPPED\",\"launchType\":\"EC2\"}");
        put(ClusterActivity.TASK_KIND, "123456789012/us-east-1/prod-2/t4", "{\"lastStatus\":\"RUNNING\"}");
        put(ClusterActivity.SERVICE_KIND, "123456789012/us-east-1/prod/web", "{\"status\":\"ACTIVE\",\"launchType\":\"EC2\"}");
        put(ClusterActivity.SERVICE_KIND, "123456789012/us-east-1/prod/old", "{\"status\":\"DRAINING\",\"launchType\":\"FARGATE\"}");
        ClusterActivity activity = new ClusterActivity(store);
        ClusterActivity.Counts counts = activity.counts(SCOPE, "prod");
        assertThat(counts.runningEc2()).isEqualTo(1);
        assertThat(counts.pendingFargate()).isEqualTo(1);
        assertThat(counts.unstoppedTasks()).isEqualTo(2);
        assertThat(counts.activeServices()).isEqualTo(1);
        assertThat(counts.drainingFargateServices()).isEqualTo(1);
        assertThat(activity.unstoppedTasksOn(SCOPE, "prod", "arn:i/a")).isEqualTo(1);
        assertThat(activity.tasksByInstance(SCOPE, "prod"))
                .containsEntry("arn:i/a", List.of(new TaskOnInstance("service:web", "web")));
    }

    private void put(String kind, String key, String json) {
        store.put(kind, key, json.getBytes(StandardCharsets.UTF_8), Store.ANY);
    }

    private static ContainerInstance instance(String id, String ec2) {
        return ContainerInstanceRegistration.register(SCOPE, "prod", id,
                new InstanceIdentity(ec2, "us-east-1", "us-east-1a", "t3.medium", "arm64", "", ""),
                new InstanceResources(2048, 3900, Set.of(22), Set.of()), new VersionInfo("1.0.0", "", ""),
                List.of(new InstanceAttribute("stack", "blue")), Map.of(), Instant.parse("2026-01-01T00:00:00Z"));
    }
}
