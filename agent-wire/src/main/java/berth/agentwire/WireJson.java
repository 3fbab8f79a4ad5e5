package berth.agentwire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON of the protocol's messages: each record as an object of its components, instants as
 * ISO-8601 text, unknown fields ignored (a newer peer's additions).
 */
public final class WireJson {
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private WireJson() {}

    public static byte[] write(Object message) {
        try {
            return JSON.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a message of the agent protocol: " + message.getClass(), e);
        }
    }

    /** The message of {@code type} in {@code body}; throws when the body is not one. */
    public static <T> T read(byte[] body, Class<T> type) throws IOException {
        return JSON.readValue(body, type);
    }

    /** An error answer: {@code {"__type": code, "message": message}}. */
    public static byte[] error(String code, String message) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("__type", code);
        body.put("message", message);
        return write(body);
    }
}
