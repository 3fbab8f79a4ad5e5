package berth.e2e.logs;

import static org.assertj.core.api.Assertions.assertThat;

import berth.e2e.RawAws;
import berth.junit5.BerthTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Malformed, oversized and nonsensical CloudWatch Logs requests get AWS's 4xx errors, never a 5xx. */
@BerthTest(reset = BerthTest.Reset.PER_TEST, resetServices = "logs")
class LogsBadInputTest {
    private static final String TARGET = "Logs_20140328.";
    private static final List<String> OPERATIONS = List.of("CreateLogGroup", "DeleteLogGroup", "DescribeLogGroups",
            "CreateLogStream", "DeleteLogStream", "DescribeLogStreams", "PutLogEvents", "GetLogEvents", "FilterLogEvents",
            "PutRetentionPolicy", "DeleteRetentionPolicy", "TagResource", "UntagResource", "ListTagsForResource",
            "TagLogGroup", "UntagLogGroup", "ListTagsLogGroup");
    private static final List<String> FIELDS = List.of("logGroupName", "logStreamName", "logEvents", "nextToken", "limit",
            "startTime", "endTime", "startFromHead", "filterPattern", "logStreamNames", "logStreamNamePrefix",
            "retentionInDays", "resourceArn", "tags", "tagKeys", "orderBy", "descending", "logGroupIdentifier",
            "logGroupNamePrefix");
    private final RawAws raw;
    private final ObjectMapper json = new ObjectMapper();

    LogsBadInputTest(URI endpoint) {
        this.raw = new RawAws(endpoint);
    }

    @BeforeEach
    void groupAndStream() throws Exception {
        call("CreateLogGroup", "{\"logGroupName\":\"g\"}");
        call("CreateLogStream", "{\"logGroupName\":\"g\",\"logStreamName\":\"s\"}");
    }

    private RawAws.Answer call(String operation, String body) throws Exception {
        return call(operation, body.getBytes(StandardCharsets.UTF_8));
    }

    private RawAws.Answer call(String operation, byte[] body) throws Exception {
        return raw.signed("POST", "/", RawAws.json11(TARGET + operation), body, "logs", "us-east-1", "test", "test");
    }

    private void expectError(String operation, String body, String code, String messagePart) throws Exception {
        RawAws.Answer answer = call(operation, body);
        assertThat(answer.status()).as(operation + " " + abbreviated(body) + " -> " + answer.body()).isEqualTo(400);
        JsonNode error = json.readTree(answer.body());
        assertThat(error.path("__type").asText()).as(answer.body()).endsWith(code);
        assertThat(error.path("message").asText()).as(answer.body()).contains(messagePart);
    }

    private static String abbreviated(String body) {
        return body.length() > 200 ? body.substring(0, 200) + "..." : body;
    }

    private static String events(int count, int messageBytes, long timestamp) {
        StringBuilder out = new StringBuilder("[");
        String message = "m".repeat(messageBytes);
        for (int i = 0; i < count; i++) {
            if (i > 0) out.append(',');
            out.append("{\"timestamp\":").append(timestamp).append(",\"message\":\"").append(message).append("\"}");
        }
        return out.append(']').toString();
    }

    @Test
    void malformedBatchesGetInvalidParameterOrSerializationErrors() throws Exception {
        long now = System.currentTimeMillis();
        String stream = "\"logGroupName\":\"g\",\"logStreamName\":\"s\"";
        expectError("PutLogEvents", "{" + stream + ",\"logEvents\":" + events(10_001, 1, now) + "}",
                "InvalidParameterException", "logEvents");
        expectError("PutLogEvents", "{" + stream + ",\"logEvents\":" + events(2, 600_000, now) + "}",
                "InvalidParameterException", "Upload too large: 1200052 bytes exceeds limit of 1048576");
        expectError("PutLogEvents", "{" + stream + ",\"logEvents\":" + events(1, 1_100_000, now) + "}",
                "InvalidParameterException", "Log event too large: 1100000 bytes exceeds limit of 1048576");
        expectError("PutLogEvents", "{" + stream + ",\"logEvents\":[]}", "InvalidParameterException", "logEvents");
        expectError("PutLogEvents", "{" + stream + ",\"logEvents\":[{\"timestamp\":-5,\"message\":\"x\"}]}",
                "InvalidParameterException", "timestamp");
        expectError("PutLogEvents", "{" + stream + ",\"logEvents\":[{\"timestamp\":" + now + ",\"message\":\"\"}]}",
                "InvalidParameterException", "message");
        expectError("PutLogEvents", "{" + stream + ",\"logEvents\":[{\"timestamp\":" + now + "}]}",
                "InvalidParameterException", "message");
        expectError("PutLogEvents", "{" + stream + ",\"logEvents\":\"lines\"}", "SerializationException", "");
        expectError("PutLogEvents", "{" + stream + ",\"logEvents\":[{\"timestamp\":\"soon\",\"message\":\"x\"}]}",
                "SerializationException", "");
        expectError("PutLogEvents", "{" + stream + ",\"logEvents\":[", "SerializationException", "");
        expectError("GetLogEvents", "{" + stream + ",\"nextToken\":\"b/garbage\"}", "InvalidParameterException",
                "The specified nextToken is invalid.");
        expectError("GetLogEvents", "{" + stream + ",\"limit\":0}", "InvalidParameterException", "limit");
        expectError("FilterLogEvents", "{\"logGroupName\":\"g\",\"filterPattern\":\"" + "x".repeat(1025) + "\"}",
                "InvalidParameterException", "filterPattern");
        expectError("FilterLogEvents", "{\"logGroupName\":\"g\",\"nextToken\":\"nope\"}", "InvalidParameterException", "nextToken");
        expectError("DescribeLogGroups", "{\"nextToken\":\"nope\"}", "InvalidParameterException", "nextToken");
        expectError("DescribeLogStreams", "{\"logGroupName\":\"g\",\"nextToken\":\"nope\"}", "InvalidParameterException", "nextToken");
        expectError("DescribeLogGroups", "{\"limit\":51}", "InvalidParameterException", "limit");
        expectError("CreateLogGroup", "{}", "InvalidParameterException", "logGroupName");
        expectError("PutRetentionPolicy", "{\"logGroupName\":\"g\",\"retentionInDays\":4}", "InvalidParameterException", "enum");
    }

    @Test
    void unicodeMessagesSurviveTheRoundTrip() throws Exception {
        long now = System.currentTimeMillis();
        String message = "h\\u00e9llo \\u2603 \\ud83d\\ude80 \\\"quoted\\\" tab\\tnewline\\n";
        RawAws.Answer put = call("PutLogEvents", "{\"logGroupName\":\"g\",\"logStreamName\":\"s\",\"logEvents\":"
                + "[{\"timestamp\":" + now + ",\"message\":\"" + message + "\"}]}");
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        RawAws.Answer got = call("GetLogEvents", "{\"logGroupName\":\"g\",\"logStreamName\":\"s\"}");
        assertThat(json.readTree(got.body()).path("events").get(0).path("message").asText())
                .isEqualTo("h\u00e9llo \u2603 \ud83d\ude80 \"quoted\" tab\tnewline\n");
    }

    @Test
    void randomBodiesNeverCauseServerErrors() throws Exception {
        Random random = new Random(20261126);
        Object[] values = {"\"g\"", "\"s\"", "\"\"", "null", "0", "-1", "99999999999999999999", "1.5", "true", "[]", "{}",
                "[1,2]", "{\"a\":\"b\"}", "\"arn:aws:logs:us-east-1:000000000000:log-group:g\"", "\"" + "z".repeat(3000) + "\"",
                "[{\"timestamp\":1,\"message\":\"x\"}]", "[{\"timestamp\":" + System.currentTimeMillis() + ",\"message\":\"ok\"}]",
                "\"f/0000\"", "\"LastEventTime\"", "\"{ $.a = \"", "\"[a,b\"", "[\"s\",\"t\"]", "\"\\u0000\""};
        int sent = 0;
        for (String operation : OPERATIONS) {
            for (int i = 0; i < 25; i++) {
                StringBuilder body = new StringBuilder("{");
                int fields = 1 + random.nextInt(4);
                for (int f = 0; f < fields; f++) {
                    if (f > 0) body.append(',');
                    body.append('"').append(FIELDS.get(random.nextInt(FIELDS.size()))).append("\":")
                            .append(values[random.nextInt(values.length)]);
                }
                body.append('}');
                RawAws.Answer answer = call(operation, body.toString());
                assertThat(answer.status()).as(operation + " " + abbreviated(body.toString()) + " -> " + answer.body())
                        .isLessThan(500);
                sent++;
            }
        }
        assertThat(sent).isEqualTo(OPERATIONS.size() * 25);
        RawAws.Answer still = call("DescribeLogGroups", "{}");
        assertThat(still.status()).isEqualTo(200);
    }
}
