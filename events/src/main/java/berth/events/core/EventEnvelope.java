package berth.events.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * An event as a bus delivers it: {@code version}, {@code id}, {@code detail-type}, {@code source},
 * {@code account}, {@code time} (whole seconds, UTC), {@code region}, {@code resources},
 * {@code detail}, in that order.
 */
public final class EventEnvelope {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EventEnvelope() {}

    public static ObjectNode of(String id, String detailType, String source, String account, Instant time, String region,
                                List<String> resources, JsonNode detail) {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "0");
        event.put("id", id);
        event.put("detail-type", detailType);
        event.put("source", source);
        event.put("account", account);
        event.put("time", time(time));
        event.put("region", region);
        resources.forEach(event.putArray("resources")::add);
        if (!event.has("resources")) event.putArray("resources");
        event.set("detail", detail);
        return event;
    }

    public static String time(Instant time) {
        return DateTimeFormatter.ISO_INSTANT.format(time.truncatedTo(ChronoUnit.SECONDS));
    }
}
