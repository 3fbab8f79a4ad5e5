package berth.server;

import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;

import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET /_berth/health}: liveness and readiness for scripts that wait on berth. Answers 200 with
 * {@code "status":"ready"} once every service is running, 503 with {@code "starting"} before that.
 */
final class HealthEndpoint {
    private final String version;
    private final Supplier<Map<String, String>> serviceStates;
    private volatile boolean ready;

    HealthEndpoint(String version, Supplier<Map<String, String>> serviceStates) {
        this.version = version;
        this.serviceStates = serviceStates;
    }

    void markReady() {
        ready = true;
    }

    HttpResponse serve() {
        StringBuilder json = new StringBuilder(256);
        json.append("{\"status\":\"").append(ready ? "ready" : "starting").append("\",\"version\":\"")
                .append(version).append("\",\"services\":{");
        boolean first = true;
        for (Map.Entry<String, String> service : serviceStates.get().entrySet()) {
            if (!first) json.append(',');
            first = false;
            json.append('"').append(service.getKey()).append("\":\"").append(service.getValue()).append('"');
        }
        json.append("}}");
        return HttpResponse.of(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE, MediaType.JSON_UTF_8, json.toString());
    }
}
