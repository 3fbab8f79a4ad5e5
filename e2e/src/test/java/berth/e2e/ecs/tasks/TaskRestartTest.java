package berth.e2e.ecs.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import berth.e2e.BerthProcess;
import berth.e2e.Clients;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;
import software.amazon.awssdk.services.ecs.model.Resource;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * berth killed with SIGKILL while tasks run, then started again on the same state: running tasks and
 * the resources they hold are intact, the agent resumes its long-poll and gets its assignments again,
 * a task whose agent never came back fails to start, and force-deregistering an instance stops its
 * tasks as a terminated host's.
 */
class TaskRestartTest {
    @TempDir
    Path home;

    private static int remainingMemory(EcsClient ecs, String arn) {
        ContainerInstance i = ecs.describeContainerInstances(r -> r.cluster("crash").containerInstances(arn))
                .containerInstances().get(0);
        return i.remainingResources().stream().filter(x -> x.name().equals("MEMORY")).map(Resource::integerValue)
                .findFirst().orElseThrow();
    }

    private static Task describe(EcsClient ecs, String arn) {
        return ecs.describeTasks(r -> r.cluster("crash").tasks(arn)).tasks().get(0);
    }

    @Test
    void everythingConvergesAfterKillNine() throws Exception {
        try (BerthProcess berth = BerthProcess.start(home, Map.of("BERTH_LOCAL_AGENT", "0",
                "BERTH_ECS_AGENT_TIMEOUT_SECONDS", "3", "BERTH_ECS_TASK_START_TIMEOUT_SECONDS", "6"));
             EcsClient ecs = Clients.ecs(berth.endpoint())) {
            ecs.createCluster(r -> r.clusterName("crash"));
            ecs.registerTaskDefinition(r -> r.family("web").containerDefinitions(c -> c.name("web").image("nginx")
                    .memory(256)));
            try (FakeAgent live = new FakeAgent(berth.endpoint(), ecs, "crash")
                    .register("i-live", "us-east-1a", 1024, 2048).waitSeconds(2).start();
                 FakeAgent gone = new FakeAgent(berth.endpoint(), ecs, "crash")
                         .register("i-gone", "us-east-1b", 1024, 2048)) {
                List<String> running = ecs.startTask(r -> r.cluster("crash").taskDefinition("web")
                        .containerInstances(live.arn(), live.arn())).tasks().stream().map(Task::taskArn).toList();
                assertThat(running).hasSize(2);
                String stranded = ecs.startTask(r -> r.cluster("crash").taskDefinition("web")
                        .containerInstances(gone.arn())).tasks().get(0).taskArn();
                for (String arn : running) {
                    Waits.until(() -> describe(ecs, arn).lastStatus(), s -> s.equals("RUNNING"), Duration.ofSeconds(10));
                }

                berth.kill9();
                int batchesBefore = live.received().size();
                berth.restart();

                try (EcsClient again = Clients.ecs(berth.endpoint())) {
                    for (String arn : running) {
                        assertThat(describe(again, arn).lastStatus()).isEqualTo("RUNNING");
                    }
                    assertThat(remainingMemory(again, live.arn())).isEqualTo(2048 - 2 * 256);
                    Waits.until(() -> live.received().size(), n -> n > batchesBefore, Duration.ofSeconds(10));
                    assertThat(live.received().get(live.received().size() - 1).batch().tasks())
                            .extracting(t -> t.taskArn()).containsAll(running);

                    Task failed = Waits.until(() -> describe(again, stranded), t -> t.lastStatus().equals("STOPPED"),
                            Duration.ofSeconds(20));
                    assertThat(failed.stopCodeAsString()).isEqualTo("TaskFailedToStart");
                    assertThat(remainingMemory(again, gone.arn())).isEqualTo(2048);
                    assertThat(again.describeContainerInstances(r -> r.cluster("crash").containerInstances(gone.arn()))
                            .containerInstances().get(0).agentConnected()).isFalse();

                    again.stopTask(r -> r.cluster("crash").task(running.get(0)));
                    Waits.until(() -> describe(again, running.get(0)).lastStatus(), s -> s.equals("STOPPED"),
                            Duration.ofSeconds(10));
                    assertThat(remainingMemory(again, live.arn())).isEqualTo(2048 - 256);

                    again.deregisterContainerInstance(r -> r.cluster("crash").containerInstance(live.arn()).force(true));
                    Task terminated = Waits.until(() -> describe(again, running.get(1)),
                            t -> t.lastStatus().equals("STOPPED"), Duration.ofSeconds(10));
                    assertThat(terminated.stopCodeAsString()).isEqualTo("TerminationNotice");
                    assertThat(terminated.stoppedReason()).isEqualTo("Host EC2 (instance i-live) stopped/terminated.");
                    assertThat(again.describeClusters(r -> r.clusters("crash")).clusters().get(0).runningTasksCount())
                            .isZero();
                }
            }
        }
    }
}
