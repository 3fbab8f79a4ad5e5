package berth.ecs.agentwire;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** Paths and JSON of berth's own agent endpoints. */
public final class AgentWire {
    public static final String PREFIX = "/_berth/ecs/v1/";
    public static final String ASSIGNMENTS = PREFIX + "assignments";
    public static final String OBSERVATIONS = PREFIX + "observations";
    public static final int MAX_WAIT_SECONDS = 30;

    public static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private AgentWire() {}
}
