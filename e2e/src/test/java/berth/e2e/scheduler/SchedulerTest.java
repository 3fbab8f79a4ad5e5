package berth.e2e.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.agent.testing.TestImages;
import berth.e2e.Await;
import berth.e2e.AwsCli;
import berth.e2e.Policies;
import berth.e2e.ecs.TaskRuns;
import berth.junit5.BerthTest;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.ConflictException;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.ScheduleState;
import software.amazon.awssdk.services.scheduler.model.ScheduleSummary;
import software.amazon.awssdk.services.scheduler.model.Tag;
import software.amazon.awssdk.services.scheduler.model.Target;
import software.amazon.awssdk.services.scheduler.model.ValidationException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * EventBridge Scheduler's architecture end to end: schedules whose first occurrence is a few seconds
 * away (an at() in a time zone, a rate whose StartDate is near, since AWS counts a rate from its
 * StartDate) run a real busybox batch task to STOPPED with exit code 0 (with the SDK, and with the
 * aws CLI), send an SQS message as the target's role, and a target the role may not call lands in the
 * dead-letter queue with AWS's attributes; ActionAfterCompletion DELETE removes the fired at() schedule.
 */
@BerthTest
class SchedulerTest {
    private static final String CLUSTER = "default";
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private final SchedulerClient scheduler;
    private final EcsClient ecs;
    private final IamClient iam;
    private final SqsClient sqs;
    private final URI endpoint;

    SchedulerTest(SchedulerClient scheduler, EcsClient ecs, IamClient iam, SqsClient sqs, URI endpoint) {
        this.scheduler = scheduler;
        this.ecs = ecs;
        this.iam = iam;
        this.sqs = sqs;
        this.endpoint = endpoint;
    }

    @BeforeAll
    static void batchTask(EcsClient ecs) {
        String image = TestImages.ensureBusybox();
        TaskRuns.awaitInstances(ecs, CLUSTER, 1);
        ecs.registerTaskDefinition(r -> r.family("nightly-batch").containerDefinitions(c -> c.name("batch").image(image)
                .memory(64).essential(true).command("sh", "-c", "echo batch done")));
    }

    @AfterAll
    static void removeContainers(URI endpoint) {
        TaskRuns.removeContainers(endpoint);
    }

    private static String at(Instant when, ZoneId zone) {
        return "at(" + LocalDateTime.ofInstant(when.truncatedTo(ChronoUnit.SECONDS), zone).format(AT) + ")";
    }

    private String role(String name, String... actions) {
        String arn = iam.createRole(r -> r.roleName(name).assumeRolePolicyDocument(Policies.trustService("scheduler.amazonaws.com")))
                .role().arn();
        iam.putRolePolicy(r -> r.roleName(name).policyName("target").policyDocument(Policies.allow("*", actions)));
        return arn;
    }

    private String queueArn(String url) {
        return sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNamesWithStrings("QueueArn")).attributesAsStrings().get("QueueArn");
    }

    private static <T> T await(Supplier<T> read, java.util.function.Predicate<T> done, String what) {
        return Await.until(read, done, Duration.ofSeconds(40), what);
    }


    private Task stoppedTaskOfGroup(String group) {
        List<String> arns = new ArrayList<>(ecs.listTasks(r -> r.cluster(CLUSTER).startedBy("scheduler")).taskArns());
        arns.addAll(ecs.listTasks(r -> r.cluster(CLUSTER).startedBy("scheduler").desiredStatus(DesiredStatus.STOPPED)).taskArns());
        if (arns.isEmpty()) return null;
        return ecs.describeTasks(r -> r.cluster(CLUSTER).tasks(arns)).tasks().stream()
                .filter(t -> ("group:" + group).equals(t.group()) || group.equals(t.group()))
                .filter(t -> "STOPPED".equals(t.lastStatus())).findFirst().orElse(null);
    }

    @Test
    void schedulesRunABatchTaskSendToSqsAndDeadLetterWhatTheRoleMayNotDo() throws Exception {
        String runner = role("scheduler-runner", "ecs:RunTask", "sqs:SendMessage");
        String sendOnly = role("scheduler-send-only", "sqs:SendMessage");
        String clusterArn = ecs.describeClusters(r -> r.clusters(CLUSTER)).clusters().get(0).clusterArn();
        String taskDefinition = ecs.describeTaskDefinition(r -> r.taskDefinition("nightly-batch")).taskDefinition().taskDefinitionArn();
        String inboxUrl = sqs.createQueue(r -> r.queueName("scheduled-inbox")).queueUrl();
        String dlqUrl = sqs.createQueue(r -> r.queueName("scheduler-dlq")).queueUrl();
        Instant now = Instant.now();
        ZoneId paris = ZoneId.of("Europe/Paris");

        String batchArn = scheduler.createSchedule(r -> r.name("batch-once").scheduleExpression(at(now.plusSeconds(3), paris))
                .scheduleExpressionTimezone("Europe/Paris").actionAfterCompletion(ActionAfterCompletion.DELETE)
                .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                .target(t -> t.arn(clusterArn).roleArn(runner)
                        .input("{\"containerOverrides\":[{\"name\":\"batch\",\"command\":[\"sh\",\"-c\",\"echo overridden; exit 0\"]}]}")
                        .ecsParameters(e -> e.taskDefinitionArn(taskDefinition).taskCount(1).group("sdk-batch")))).scheduleArn();
        scheduler.createSchedule(r -> r.name("inbox-every-minute").scheduleExpression("rate(1 minute)")
                .startDate(now.plusSeconds(3)).flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                .target(t -> t.arn(queueArn(inboxUrl)).roleArn(runner).input("{\"report\":\"hourly\"}")));
        scheduler.createSchedule(r -> r.name("universal-send").scheduleExpression(at(now.plusSeconds(3), ZoneOffset.UTC))
                .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                .target(t -> t.arn("arn:aws:scheduler:::aws-sdk:sqs:sendMessage").roleArn(runner)
                        .input("{\"QueueUrl\":\"" + inboxUrl + "\",\"MessageBody\":\"from the universal target\"}")));
        scheduler.createSchedule(r -> r.name("not-allowed").scheduleExpression(at(now.plusSeconds(3), ZoneOffset.UTC))
                .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                .target(t -> t.arn(clusterArn).roleArn(sendOnly).input("{}")
                        .ecsParameters(e -> e.taskDefinitionArn(taskDefinition))
                        .retryPolicy(p -> p.maximumRetryAttempts(0).maximumEventAgeInSeconds(60))
                        .deadLetterConfig(d -> d.arn(queueArn(dlqUrl)))));
        AwsCli cli = AwsCli.installed().get(0);
        AwsCli.Result created = cli.run(endpoint, "test", "test", "scheduler", "create-schedule", "--name", "cli-batch",
                "--schedule-expression", at(now.plusSeconds(4), ZoneOffset.UTC), "--flexible-time-window", "Mode=OFF",
                "--target", "{\"Arn\":\"" + clusterArn + "\",\"RoleArn\":\"" + runner + "\",\"EcsParameters\":"
                        + "{\"TaskDefinitionArn\":\"" + taskDefinition + "\",\"Group\":\"cli-batch\"}}");
        assertThat(created.exitCode()).as(created.stderr()).isZero();
        assertThat(created.stdout()).contains("arn:aws:scheduler:us-east-1:").contains(":schedule/default/cli-batch");
        assertThat(scheduler.getSchedule(r -> r.name("inbox-every-minute")).target().retryPolicy().maximumRetryAttempts())
                .as("AWS's default retry policy").isEqualTo(185);

        Task sdkTask = await(() -> stoppedTaskOfGroup("sdk-batch"), t -> t != null, "the SDK's scheduled batch task stops");
        Task cliTask = await(() -> stoppedTaskOfGroup("cli-batch"), t -> t != null, "the CLI's scheduled batch task stops");
        assertThat(sdkTask.containers().get(0).exitCode()).isZero();
        assertThat(sdkTask.overrides().containerOverrides().get(0).command()).containsExactly("sh", "-c", "echo overridden; exit 0");
        assertThat(sdkTask.taskDefinitionArn()).isEqualTo(taskDefinition);
        assertThat(cliTask.containers().get(0).exitCode()).isZero();

        List<String> inbox = new ArrayList<>();
        await(() -> {
            sqs.receiveMessage(r -> r.queueUrl(inboxUrl).waitTimeSeconds(1).maxNumberOfMessages(10)).messages()
                    .forEach(m -> inbox.add(m.body()));
            return inbox;
        }, m -> m.size() >= 2, "the rate schedule's first message (at its StartDate) and the universal target's arrive");
        assertThat(inbox).containsExactlyInAnyOrder("{\"report\":\"hourly\"}", "from the universal target");
        List<Message> dead = await(() -> sqs.receiveMessage(r -> r.queueUrl(dlqUrl).waitTimeSeconds(1)
                .messageAttributeNames("All")).messages(), m -> !m.isEmpty(), "the denied invocation's dead-letter event");
        assertThat(dead.get(0).messageAttributes().get("ERROR_CODE").stringValue()).isEqualTo("AccessDeniedException");
        assertThat(dead.get(0).messageAttributes().get("ERROR_MESSAGE").stringValue()).contains("ecs:RunTask");
        assertThat(dead.get(0).messageAttributes().get("TARGET_ARN").stringValue()).isEqualTo(clusterArn);

        await(() -> scheduler.listSchedules(r -> r.namePrefix("batch-once")).schedules(), List::isEmpty,
                "ActionAfterCompletion DELETE removes the fired at() schedule");
        assertThatThrownBy(() -> scheduler.getSchedule(r -> r.name("batch-once"))).isInstanceOf(ResourceNotFoundException.class);
        assertThat(batchArn).endsWith(":schedule/default/batch-once");
        assertThat(scheduler.getSchedule(r -> r.name("cli-batch")).state()).as("NONE keeps a fired schedule")
                .isEqualTo(ScheduleState.ENABLED);
        assertThat(stoppedTaskOfGroup("cli-batch").taskArn()).as("one invocation, one task").isEqualTo(cliTask.taskArn());
    }

    @Test
    void groupsTagsListingAndRefusalsAreAsAws() {
        String role = "arn:aws:iam::000000000000:role/any";
        Target queue = Target.builder().arn("arn:aws:sqs:us-east-1:000000000000:q").roleArn(role).build();
        String groupArn = scheduler.createScheduleGroup(r -> r.name("reports").tags(Tag.builder().key("team").value("data").build()))
                .scheduleGroupArn();
        for (String name : List.of("daily-a", "daily-b", "weekly")) {
            scheduler.createSchedule(r -> r.name(name).groupName("reports").scheduleExpression("cron(0 6 ? * MON-FRI *)")
                    .scheduleExpressionTimezone("Asia/Tokyo").state(name.equals("weekly") ? ScheduleState.DISABLED : ScheduleState.ENABLED)
                    .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.FLEXIBLE).maximumWindowInMinutes(30)).target(queue));
        }

        assertThat(scheduler.listSchedulesPaginator(r -> r.groupName("reports").namePrefix("daily").maxResults(1)).schedules()
                .stream().map(ScheduleSummary::name)).containsExactly("daily-a", "daily-b");
        assertThat(scheduler.listSchedules(r -> r.groupName("reports").state(ScheduleState.DISABLED)).schedules())
                .extracting(ScheduleSummary::name).containsExactly("weekly");
        assertThat(scheduler.getSchedule(r -> r.name("daily-a").groupName("reports")).flexibleTimeWindow().maximumWindowInMinutes())
                .isEqualTo(30);
        assertThat(scheduler.listTagsForResource(r -> r.resourceArn(groupArn)).tags()).extracting(Tag::value).containsExactly("data");
        assertThat(scheduler.getScheduleGroup(r -> r.name("default")).arn()).endsWith(":schedule-group/default");
        assertThatThrownBy(() -> scheduler.createSchedule(r -> r.name("daily-a").groupName("reports")
                .scheduleExpression("rate(5 minutes)").flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF)).target(queue)))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> scheduler.createSchedule(r -> r.name("bad-rate").scheduleExpression("rate(0 minutes)")
                .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF)).target(queue)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("Invalid Schedule Expression rate(0 minutes)");
        assertThatThrownBy(() -> scheduler.createSchedule(r -> r.name("bad-zone").scheduleExpression("rate(5 minutes)")
                .scheduleExpressionTimezone("Mars/Olympus").flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF)).target(queue)))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> scheduler.createSchedule(r -> r.name("lambda").scheduleExpression("rate(5 minutes)")
                .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                .target(t -> t.arn("arn:aws:scheduler:::aws-sdk:lambda:invoke").roleArn(role))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("not supported");
        assertThatThrownBy(() -> scheduler.createSchedule(r -> r.name("retries").scheduleExpression("rate(5 minutes)")
                .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                .target(queue.toBuilder().retryPolicy(p -> p.maximumRetryAttempts(186)).build())))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> scheduler.createSchedule(r -> r.name("no-group").groupName("ghost")
                .scheduleExpression("rate(5 minutes)").flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF)).target(queue)))
                .isInstanceOf(ResourceNotFoundException.class);

        scheduler.deleteScheduleGroup(r -> r.name("reports"));
        assertThat(scheduler.listSchedules(r -> r.groupName("reports")).schedules()).as("deleting a group deletes its schedules").isEmpty();
        assertThatThrownBy(() -> scheduler.deleteScheduleGroup(r -> r.name("default"))).isInstanceOf(ValidationException.class);
    }
}
