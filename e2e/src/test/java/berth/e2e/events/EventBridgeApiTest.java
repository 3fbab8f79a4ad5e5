package berth.e2e.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import berth.e2e.AwsCli;
import berth.e2e.Policies;
import berth.e2e.RawAws;
import berth.junit5.BerthTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.InvalidEventPatternException;
import software.amazon.awssdk.services.eventbridge.model.LimitExceededException;
import software.amazon.awssdk.services.eventbridge.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;
import software.amazon.awssdk.services.eventbridge.model.Rule;
import software.amazon.awssdk.services.eventbridge.model.RuleState;
import software.amazon.awssdk.services.eventbridge.model.Tag;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * EventBridge's API as AWS answers it: both aws CLIs put a rule, a target and events and test a
 * pattern; refusals carry AWS's error codes and change nothing; iam:PassRole is checked for a
 * target's role; no odd request gets a 5xx.
 */
@BerthTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EventBridgeApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventBridgeClient events;
    private final SqsClient sqs;
    private final IamClient iam;
    private final URI endpoint;

    EventBridgeApiTest(EventBridgeClient events, SqsClient sqs, IamClient iam, URI endpoint) {
        this.events = events;
        this.sqs = sqs;
        this.iam = iam;
        this.endpoint = endpoint;
    }

    @Test
    @Order(1)
    void bothClisPutRulesTargetsAndEventsAndTestPatterns() throws Exception {
        for (AwsCli cli : AwsCli.installed()) {
            String name = "cli-" + cli.version().substring(0, cli.version().indexOf('.')).replaceAll("[^A-Za-z0-9]", "");
            AwsCli.Result rule = cli.run(endpoint, "test", "test", "events", "put-rule", "--name", name, "--event-pattern",
                    "{\"source\":[\"cli.app\"],\"detail\":{\"n\":[{\"numeric\":[\">\",1]}]}}");
            assertThat(rule.exitCode()).as(rule.stderr()).isZero();
            String ruleArn = JSON.readTree(rule.stdout()).path("RuleArn").asText();
            assertThat(ruleArn).endsWith(":rule/" + name);
            String url = EventQueues.allowingRule(sqs, name + "-inbox", ruleArn);
            AwsCli.Result targets = cli.run(endpoint, "test", "test", "events", "put-targets", "--rule", name, "--targets",
                    "Id=inbox,Arn=" + EventQueues.arn(sqs, url));
            assertThat(JSON.readTree(targets.stdout()).path("FailedEntryCount").asInt()).as(targets.stderr()).isZero();
            AwsCli.Result put = cli.run(endpoint, "test", "test", "events", "put-events", "--entries",
                    "[{\"Source\":\"cli.app\",\"DetailType\":\"count\",\"Detail\":\"{\\\"n\\\":2}\"},"
                            + "{\"Source\":\"cli.app\",\"DetailType\":\"count\",\"Detail\":\"{\\\"n\\\":1}\"}]");
            assertThat(put.exitCode()).as(put.stderr()).isZero();
            assertThat(JSON.readTree(put.stdout()).path("Entries")).hasSize(2);
            AwsCli.Result test = cli.run(endpoint, "test", "test", "events", "test-event-pattern", "--event-pattern",
                    "{\"detail-type\":[{\"anything-but\":\"count\"}]}", "--event", "{\"id\":\"1\",\"account\":\"000000000000\","
                            + "\"source\":\"cli.app\",\"time\":\"2026-12-07T00:00:00Z\",\"region\":\"us-east-1\",\"resources\":[],"
                            + "\"detail-type\":\"count\",\"detail\":{}}");
            assertThat(JSON.readTree(test.stdout()).path("Result").asBoolean(true)).as(test.stdout() + test.stderr()).isFalse();
            AwsCli.Result listed = cli.run(endpoint, "test", "test", "events", "list-targets-by-rule", "--rule", name);
            assertThat(listed.stdout()).contains(EventQueues.arn(sqs, url));
            AwsCli.Result bad = cli.run(endpoint, "test", "test", "events", "put-rule", "--name", name + "-bad", "--event-pattern",
                    "{\"source\":\"cli.app\"}");
            assertThat(bad.exitCode()).isNotZero();
            assertThat(bad.stderr()).contains("InvalidEventPatternException");

            List<Message> got = new ArrayList<>();
            EventBridgeTest.await(() -> {
                got.addAll(sqs.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(1).maxNumberOfMessages(10)).messages());
                return got;
            }, m -> !m.isEmpty(), "the CLI's event in the queue");
            JsonNode event = JSON.readTree(got.get(0).body());
            assertThat(event.path("detail").path("n").asInt()).as("only n > 1 matched").isEqualTo(2);
            assertThat(event.path("source").asText()).isEqualTo("cli.app");
            assertThat(got).hasSize(1);
        }
    }

    @Test
    @Order(2)
    void refusalsAreAwsShapedAndChangeNothing() {
        events.createEventBus(r -> r.name("side"));
        assertThatThrownBy(() -> events.createEventBus(r -> r.name("side"))).isInstanceOf(ResourceAlreadyExistsException.class);
        assertThat(code(() -> events.putRule(r -> r.name("s").eventBusName("side").scheduleExpression("rate(5 minutes)"))))
                .isEqualTo("ValidationException");
        assertThat(code(() -> events.putRule(r -> r.name("s").scheduleExpression("rate(1 minutes)")))).isEqualTo("ValidationException");
        assertThat(code(() -> events.putRule(r -> r.name("s")))).isEqualTo("ValidationException");
        assertThatThrownBy(() -> events.putRule(r -> r.name("s").eventPattern("{\"source\":[{\"numeric\":[\">\"]}]}")))
                .isInstanceOf(InvalidEventPatternException.class);
        assertThatThrownBy(() -> events.describeRule(r -> r.name("s"))).as("nothing was stored")
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> events.putTargets(r -> r.rule("ghost").targets(t -> t.id("a").arn("arn:aws:sqs:us-east-1:000000000000:q"))))
                .isInstanceOf(ResourceNotFoundException.class);

        events.putRule(r -> r.name("limits").eventBusName("side").eventPattern("{\"source\":[\"x\"]}").description("five at most")
                .tags(Tag.builder().key("team").value("ops").build()));
        assertThat(code(() -> events.putTargets(r -> r.rule("limits").eventBusName("side").targets(t -> t.id("ecs")
                .arn("arn:aws:ecs:us-east-1:000000000000:cluster/default").ecsParameters(e -> e.taskDefinitionArn("x"))))))
                .as("an ECS target needs a role").isEqualTo("ValidationException");
        assertThat(code(() -> events.putTargets(r -> r.rule("limits").eventBusName("side").targets(t -> t.id("fn")
                .arn("arn:aws:lambda:us-east-1:000000000000:function:f"))))).isEqualTo("ValidationException");
        List<Target> five = new ArrayList<>();
        for (int i = 0; i < 5; i++) five.add(Target.builder().id("q" + i).arn("arn:aws:sqs:us-east-1:000000000000:q" + i).build());
        events.putTargets(r -> r.rule("limits").eventBusName("side").targets(five));
        assertThatThrownBy(() -> events.putTargets(r -> r.rule("limits").eventBusName("side")
                .targets(t -> t.id("q5").arn("arn:aws:sqs:us-east-1:000000000000:q5")))).isInstanceOf(LimitExceededException.class);
        assertThat(events.listTargetsByRule(r -> r.rule("limits").eventBusName("side")).targets()).hasSize(5);
        assertThat(code(() -> events.deleteRule(r -> r.name("limits").eventBusName("side")))).isEqualTo("ValidationException");
        assertThat(code(() -> events.deleteEventBus(r -> r.name("side")))).as("a bus with rules stays").isEqualTo("ValidationException");
        assertThat(code(() -> events.deleteEventBus(r -> r.name("default")))).isEqualTo("ValidationException");

        String ruleArn = events.describeRule(r -> r.name("limits").eventBusName("side")).arn();
        assertThat(events.listTagsForResource(r -> r.resourceARN(ruleArn)).tags()).extracting(Tag::value).containsExactly("ops");
        assertThat(events.listRuleNamesByTarget(r -> r.eventBusName("side").targetArn("arn:aws:sqs:us-east-1:000000000000:q3"))
                .ruleNames()).containsExactly("limits");
        events.disableRule(r -> r.name("limits").eventBusName("side"));
        events.putRule(r -> r.name("limits-two").eventBusName("side").eventPattern("{\"source\":[\"y\"]}"));
        var first = events.listRules(r -> r.eventBusName("side").limit(1));
        var second = events.listRules(r -> r.eventBusName("side").limit(1).nextToken(first.nextToken()));
        assertThat(first.rules()).extracting(Rule::name, Rule::state).containsExactly(tuple("limits", RuleState.DISABLED));
        assertThat(second.rules()).extracting(Rule::name).containsExactly("limits-two");
        assertThat(second.nextToken()).isNull();
        events.deleteRule(r -> r.name("limits-two").eventBusName("side"));
        events.removeTargets(r -> r.rule("limits").eventBusName("side").ids("q0", "q1", "q2", "q3", "q4"));
        events.deleteRule(r -> r.name("limits").eventBusName("side"));
        events.deleteEventBus(r -> r.name("side"));
        assertThatThrownBy(() -> events.describeEventBus(r -> r.name("side"))).isInstanceOf(ResourceNotFoundException.class);
        assertThat(events.testEventPattern(r -> r.eventPattern("{\"detail\":{\"ip\":[{\"cidr\":\"10.0.0.0/24\"}]}}")
                .event("{\"id\":\"1\",\"account\":\"000000000000\",\"source\":\"a\",\"time\":\"2026-12-07T00:00:00Z\","
                        + "\"region\":\"us-east-1\",\"resources\":[],\"detail-type\":\"t\",\"detail\":{\"ip\":\"10.0.0.7\"}}"))
                .result()).isTrue();
        assertThat(code(() -> events.testEventPattern(r -> r.eventPattern("{\"source\":[\"a\"]}").event("{\"source\":\"a\"}"))))
                .isEqualTo("ValidationException");
    }

    @Test
    @Order(3)
    void aTargetsRoleNeedsIamPassRole() {
        iam.createUser(r -> r.userName("events-admin"));
        iam.putUserPolicy(r -> r.userName("events-admin").policyName("events").policyDocument(Policies.allow("*", "events:*")));
        AccessKey key = iam.createAccessKey(r -> r.userName("events-admin")).accessKey();
        String role = iam.createRole(r -> r.roleName("bus-forwarder").assumeRolePolicyDocument(
                Policies.trustService("events.amazonaws.com"))).role().arn();
        try (EventBridgeClient admin = EventBridgeClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey())))
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            admin.putRule(r -> r.name("forward").eventPattern("{\"source\":[\"a\"]}"));
            Target target = Target.builder().id("bus").arn(events.describeEventBus(r -> r.name("default")).arn()).roleArn(role).build();
            assertThatThrownBy(() -> admin.putTargets(r -> r.rule("forward").targets(target)))
                    .isInstanceOf(EventBridgeException.class).hasMessageContaining("iam:PassRole").hasMessageContaining(role)
                    .extracting(e -> ((EventBridgeException) e).awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
            assertThat(admin.listTargetsByRule(r -> r.rule("forward")).targets()).isEmpty();
            iam.putUserPolicy(r -> r.userName("events-admin").policyName("pass").policyDocument("""
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"%s",
                     "Condition":{"StringEquals":{"iam:PassedToService":"events.amazonaws.com"}}}]}""".formatted(role)));
            admin.putTargets(r -> r.rule("forward").targets(target));
            assertThat(admin.listTargetsByRule(r -> r.rule("forward")).targets()).extracting(Target::roleArn).containsExactly(role);
        }
    }

    @Test
    @Order(4)
    void wrongTypesAndOddValuesGetA4xxNeverA5xx() throws Exception {
        RawAws raw = new RawAws(endpoint);
        String[] values = {"5", "true", "{}", "[]", "{\"a\":1}", "[1,2]", "-1.5e309", "\"\"", "null", "\"x\"", "\"FOO\"",
                "\"arn:aws:events:us-east-1:000000000000:event-bus/ghost\"", "[{\"Id\":\"a\"}]", "[{}]", "[null]"};
        Map<String, String> bases = new java.util.LinkedHashMap<>();
        bases.put("PutRule", "{\"Name\":\"fuzz\",\"EventPattern\":\"{\\\"source\\\":[\\\"f\\\"]}\"}");
        bases.put("PutTargets", "{\"Rule\":\"fuzz\",\"Targets\":[{\"Id\":\"t\",\"Arn\":\"arn:aws:sqs:us-east-1:000000000000:f\"}]}");
        bases.put("PutEvents", "{\"Entries\":[{\"Source\":\"f\",\"DetailType\":\"d\",\"Detail\":\"{}\"}]}");
        bases.put("TestEventPattern", "{\"EventPattern\":\"{}\",\"Event\":\"{}\"}");
        bases.put("CreateEventBus", "{\"Name\":\"fuzz-bus\"}");
        bases.put("ListRules", "{}");
        bases.put("TagResource", "{\"ResourceARN\":\"arn:aws:events:us-east-1:000000000000:rule/fuzz\",\"Tags\":[]}");
        int answered = 0;
        for (var base : bases.entrySet()) {
            JsonNode template = JSON.readTree(base.getValue());
            List<String> fields = new ArrayList<>();
            template.fieldNames().forEachRemaining(fields::add);
            fields.addAll(List.of("EventBusName", "State", "ScheduleExpression", "Limit", "NextToken", "RoleArn", "Tags"));
            for (String field : fields) {
                for (String value : values) {
                    com.fasterxml.jackson.databind.node.ObjectNode body = template.deepCopy();
                    body.set(field, JSON.readTree(value));
                    RawAws.Answer answer = raw.signed("POST", "/", RawAws.json11("AWSEvents." + base.getKey()),
                            body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), "events", "us-east-1", "test", "test");
                    answered++;
                    assertThat(answer.status()).as(base.getKey() + " " + body + " → " + answer.body()).isLessThan(500);
                    if (answer.status() >= 400) {
                        assertThat(JSON.readTree(answer.body()).path("__type").asText()).as(answer.body()).isNotEmpty();
                    }
                }
            }
        }
        assertThat(answered).isGreaterThan(500);
    }

    private static String code(Runnable call) {
        try {
            call.run();
        } catch (EventBridgeException e) {
            return e.awsErrorDetails().errorCode();
        }
        throw new AssertionError("the call was not refused");
    }

}
