package berth.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.EcsClient;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Over a thousand generated bad requests: each gets a 4xx error in the shape of its protocol, none a
 * 5xx, nothing bad is stored, and berth keeps serving.
 */
class BadInputTest {
    private static final String ECS = "AmazonEC2ContainerServiceV20141113.";
    private static final String VALID_CREATE =
            "{\"clusterName\":\"good\",\"tags\":[{\"key\":\"a\",\"value\":\"b\"}],"
                    + "\"settings\":[{\"name\":\"containerInsights\",\"value\":\"enabled\"}]}";

    @TempDir
    static Path home;
    static BerthProcess berth;
    static RawAws raw;
    private final ObjectMapper json = new ObjectMapper();
    private final Random random = new Random(20261126);
    private int sent;

    @BeforeAll
    static void start() throws Exception {
        berth = BerthProcess.start(home, Map.of("BERTH_MAX_BODY_BYTES", "1048576", "BERTH_LOCAL_AGENT", "0"));
        raw = new RawAws(berth.endpoint());
    }

    @AfterAll
    static void stop() throws Exception {
        berth.close();
    }

    @Test
    void everyBadRequestGetsAnAwsShaped4xxAndNothingIsStored() throws Exception {
        truncatedJson();
        mutatedJson();
        wrongTypes();
        hugeStrings();
        unknownTargets();
        badFormBodies();
        badSignatures();
        oversizedBodies();
        assertThat(sent).isGreaterThanOrEqualTo(1000);

        try (EcsClient ecs = Clients.ecs(berth.endpoint())) {
            assertThat(ecs.listClusters().clusterArns()).as("no half-written state").isEmpty();
            assertThat(ecs.createCluster(r -> r.clusterName("still-serving")).cluster().status()).isEqualTo("ACTIVE");
        }
        assertThat(berth.alive()).isTrue();
    }

    private void truncatedJson() throws Exception {
        byte[] body = VALID_CREATE.getBytes(StandardCharsets.UTF_8);
        for (int cut = 1; cut < body.length - 1; cut++) {
            byte[] truncated = java.util.Arrays.copyOf(body, cut);
            expectJsonError(ecs("CreateCluster", truncated));
        }
    }

    private void mutatedJson() throws Exception {
        byte[] body = VALID_CREATE.getBytes(StandardCharsets.UTF_8);
        char[] breakers = {'{', '}', '[', ']', '"', ',', ':', '\\', '\u0000', 'x'};
        for (int i = 0; i < 500; i++) {
            byte[] mutated = body.clone();
            for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                mutated[random.nextInt(mutated.length)] = (byte) breakers[random.nextInt(breakers.length)];
            }
            RawAws.Answer answer = ecs("CreateCluster", mutated);
            if (answer.status() == 200) {
                // a mutation can still be valid JSON naming a valid cluster; it must not have been a 5xx
                String arn = json.readTree(answer.body()).path("cluster").path("clusterArn").asText();
                ecsOk("DeleteCluster", ("{\"cluster\":\"" + arn + "\"}").getBytes(StandardCharsets.UTF_8));
                continue;
            }
            expectJsonError(answer);
        }
    }

    private void wrongTypes() throws Exception {
        String[] values = {"5", "true", "{}", "[]", "{\"a\":1}", "[1,2]", "-1.5e309", "\"\"", "null", "\"x\""};
        Map<String, String[]> shapes = new LinkedHashMap<>();
        shapes.put("CreateCluster", new String[]{"clusterName", "tags", "settings", "configuration", "capacityProviders"});
        shapes.put("DescribeClusters", new String[]{"clusters", "include"});
        shapes.put("ListClusters", new String[]{"maxResults", "nextToken"});
        shapes.put("DeleteCluster", new String[]{"cluster"});
        for (var shape : shapes.entrySet()) {
            for (String field : shape.getValue()) {
                for (String value : values) {
                    String body = "{\"" + field + "\":" + value + "}";
                    RawAws.Answer answer = ecs(shape.getKey(), body.getBytes(StandardCharsets.UTF_8));
                    if (answer.status() == 200) {
                        cleanUpCreated(answer);
                        continue;
                    }
                    expectJsonError(answer);
                }
            }
        }
        for (int i = 0; i < 60; i++) {
            String body = "{\"tags\":[{\"key\":" + values[i % values.length] + ",\"value\":" + values[(i * 7) % values.length] + "}],\"clusterName\":\"t" + i + "\"}";
            RawAws.Answer answer = ecs("CreateCluster", body.getBytes(StandardCharsets.UTF_8));
            if (answer.status() == 200) {
                cleanUpCreated(answer);
                continue;
            }
            expectJsonError(answer);
        }
    }

    private void hugeStrings() throws Exception {
        for (int size : new int[]{256, 1000, 10_000, 100_000, 500_000}) {
            String name = "n".repeat(size);
            expectJsonError(ecs("CreateCluster", ("{\"clusterName\":\"" + name + "\"}").getBytes(StandardCharsets.UTF_8)));
            expectJsonError(ecs("DeleteCluster", ("{\"cluster\":\"" + name + "\"}").getBytes(StandardCharsets.UTF_8)));
            expectJsonError(ecs("ListClusters", ("{\"nextToken\":\"" + name + "\"}").getBytes(StandardCharsets.UTF_8)));
        }
    }

    private void unknownTargets() throws Exception {
        for (int i = 0; i < 100; i++) {
            String target = switch (i % 5) {
                case 0 -> ECS + "NoSuchOperation" + i;
                case 1 -> "NoSuchService" + i + ".ListClusters";
                case 2 -> ECS;
                case 3 -> "garbage-" + i;
                default -> ECS + "listclusters";
            };
            RawAws.Answer answer = raw.signed("POST", "/", RawAws.json11(target), "{}".getBytes(StandardCharsets.UTF_8),
                    "ecs", "us-east-1", "test", "test");
            expectJsonError(answer);
        }
    }

    private void badFormBodies() throws Exception {
        String[] bodies = {
                "Action=NoSuchAction&Version=2011-06-15", "Version=2011-06-15", "Action=&Version=2011-06-15",
                "Action=GetCallerIdentity&Version=1999-01-01&%ZZ=1", "%", "Action=%E0%A4%A",
                "<GetCallerIdentity><Version>2011-06-15</Version></GetCallerIdentity>", "<<<>>>", "\u0000\u0001\u0002",
                "Action=AssumeRole&Version=2011-06-15&RoleArn=&DurationSeconds=abc"};
        for (int i = 0; i < 100; i++) {
            String body = bodies[i % bodies.length] + (i >= bodies.length ? "&Junk" + i + "=" + "%".repeat(i % 3) : "");
            RawAws.Answer answer = raw.signed("POST", "/", RawAws.form(), body.getBytes(StandardCharsets.UTF_8),
                    "sts", "us-east-1", "test", "test");
            expectQueryError(answer);
        }
    }

    private void badSignatures() throws Exception {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 120; i++) {
            Map<String, String> headers = new LinkedHashMap<>(RawAws.json11(ECS + "ListClusters"));
            switch (i % 6) {
                case 0 -> { } // no Authorization at all
                case 1 -> headers.put("Authorization", "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/ecs/aws4_request");
                case 2 -> headers.put("Authorization", "Bearer " + i);
                case 3 -> {
                    headers.put("X-Amz-Date", "20200101T000000Z");
                    headers.put("Authorization", "AWS4-HMAC-SHA256 Credential=test/20200101/us-east-1/ecs/aws4_request, "
                            + "SignedHeaders=host;x-amz-date, Signature=" + "ab".repeat(32));
                }
                case 4 -> headers.put("Authorization", "AWS4-HMAC-SHA256 " + "x".repeat(i));
                default -> headers.put("Authorization", "AWS4-HMAC-SHA256 Credential=, SignedHeaders=, Signature=");
            }
            expectJsonError(raw.unsigned("POST", "/", headers, body));
        }
        for (int i = 0; i < 60; i++) {
            // a real signature, then one character of it or of the body changed
            RawAws.Answer answer = corruptedSignature(i);
            expectJsonError(answer);
        }
    }

    private RawAws.Answer corruptedSignature(int i) throws Exception {
        String secret = i % 2 == 0 ? "test" : "wrong-secret";
        if (i % 2 == 0) {
            // signed for a different region than the body claims is fine; change the target after signing
            return raw.signedThenTampered("POST", "/", RawAws.json11(ECS + "ListClusters"),
                    "{}".getBytes(StandardCharsets.UTF_8), "ecs", "us-east-1", "test", secret, i);
        }
        return raw.signed("POST", "/", RawAws.json11(ECS + "ListClusters"), "{}".getBytes(StandardCharsets.UTF_8),
                "ecs", "us-east-1", "test", secret);
    }

    private void oversizedBodies() throws Exception {
        byte[] big = new byte[1024 * 1024 + 10];
        java.util.Arrays.fill(big, (byte) ' ');
        for (int i = 0; i < 3; i++) {
            RawAws.Answer answer = raw.unsigned("POST", "/", RawAws.json11(ECS + "ListClusters"), big);
            sent++;
            assertThat(answer.status()).as("oversized body").isEqualTo(413);
            assertThat(answer.header("x-amzn-RequestId")).isNotEmpty();
        }
    }

    private RawAws.Answer ecs(String operation, byte[] body) throws Exception {
        return raw.signed("POST", "/", RawAws.json11(ECS + operation), body, "ecs", "us-east-1", "test", "test");
    }

    private void ecsOk(String operation, byte[] body) throws Exception {
        assertThat(ecs(operation, body).status()).isEqualTo(200);
    }

    private void cleanUpCreated(RawAws.Answer answer) throws Exception {
        JsonNode cluster = json.readTree(answer.body()).path("cluster");
        if (cluster.has("clusterArn")) {
            ecsOk("DeleteCluster", ("{\"cluster\":\"" + cluster.get("clusterArn").asText() + "\"}").getBytes(StandardCharsets.UTF_8));
        }
    }

    private void expectJsonError(RawAws.Answer answer) throws Exception {
        sent++;
        assertThat(answer.status()).as("status of %s", answer.body()).isBetween(400, 499);
        assertThat(answer.header("x-amzn-RequestId")).isNotEmpty();
        JsonNode error = json.readTree(answer.body());
        assertThat(error.path("__type").asText()).as(answer.body()).isNotEmpty();
        assertThat(error.has("message") || error.has("Message")).as(answer.body()).isTrue();
        assertThat(answer.header("x-amzn-ErrorType")).isNotEmpty();
    }

    private void expectQueryError(RawAws.Answer answer) {
        sent++;
        assertThat(answer.status()).as("status of %s", answer.body()).isBetween(400, 499);
        assertThat(answer.header("x-amzn-RequestId")).isNotEmpty();
        assertThat(answer.body()).contains("<ErrorResponse").contains("<Code>").contains("<Message>").contains("<RequestId>");
    }
}
