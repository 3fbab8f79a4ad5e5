package berth.aws.wire;

import berth.aws.Protocol;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The one Jackson configuration of the AWS wire: strict reading (no trailing garbage), plain decimals. */
public final class JsonMapper {
    public static final ObjectMapper MAPPER = create();

    private JsonMapper() {}

    private static ObjectMapper create() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        mapper.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(128).build());
        return mapper;
    }

    /** Parses a request body; an empty body reads as an empty object, as AWS accepts it. */
    public static JsonNode read(byte[] body) throws IOException {
        if (body.length == 0) {
            return MAPPER.createObjectNode();
        }
        JsonNode node = MAPPER.readTree(body);
        return node == null ? MAPPER.createObjectNode() : node;
    }

    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    public static String contentType(Protocol protocol) {
        return switch (protocol) {
            case AWS_JSON_1_0 -> "application/x-amz-json-1.0";
            case AWS_JSON_1_1 -> "application/x-amz-json-1.1";
            default -> "application/json";
        };
    }
}
