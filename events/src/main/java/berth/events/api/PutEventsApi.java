package berth.events.api;

import berth.aws.RequestContext;
import berth.aws.Scope;
import berth.events.control.EventIngestion;
import berth.events.core.EventEnvelope;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * PutEvents: each entry checked as EventBridge checks it (failed entries answered in place, the rest
 * put on their buses), every accepted event's deliveries committed before the answer.
 */
final class PutEventsApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The most a request's entries may add up to, as AWS counts them (UTF-8 of source, detail type, detail, resources). */
    static final int MAX_REQUEST_BYTES = 256 * 1024;

    private final EventIngestion ingestion;
    private final Clock clock;

    PutEventsApi(EventIngestion ingestion, Clock clock) {
        this.ingestion = ingestion;
        this.clock = clock;
    }

    PutEventsResponse put(PutEventsRequest r, RequestContext context) {
        Scope scope = context.scope();
        long size = 0;
        for (PutEventsRequestEntry e : r.entries()) size += entrySize(e);
        if (size > MAX_REQUEST_BYTES) {
            throw EventsErrors.invalid("Total size of the entries in the request is over the limit.");
        }
        List<PutEventsResultEntry> results = new ArrayList<>();
        int failed = 0;
        for (PutEventsRequestEntry entry : r.entries()) {
            PutEventsResultEntry result = putOne(entry, scope);
            if (result.errorCode() != null) failed++;
            results.add(result);
        }
        return PutEventsResponse.builder().failedEntryCount(failed).entries(results).build();
    }

    private PutEventsResultEntry putOne(PutEventsRequestEntry e, Scope scope) {
        if (e.source() == null || e.source().isBlank()) return failure("InvalidArgument", "Parameter Source is not valid. Reason: Source is a required argument.");
        if (e.detailType() == null || e.detailType().isBlank()) return failure("InvalidArgument", "Parameter DetailType is not valid. Reason: DetailType is a required argument.");
        if (e.detail() == null || e.detail().isBlank()) return failure("InvalidArgument", "Parameter Detail is not valid. Reason: Detail is a required argument.");
        if (e.source().startsWith("aws.")) return failure("NotAuthorizedForSourceException", "Not authorized for the source.");
        JsonNode detail;
        try {
            detail = JSON.readTree(e.detail());
        } catch (IOException ex) {
            detail = null;
        }
        if (detail == null || !detail.isObject()) return failure("MalformedDetail", "Detail is malformed.");
        String bus;
        try {
            bus = Buses.name(e.eventBusName(), scope);
        } catch (berth.aws.AwsException ex) {
            return failure(ex.code(), ex.getMessage());
        }
        if (!ingestion.busExists(scope, bus)) {
            return failure("ResourceNotFoundException", "Event bus " + bus + " does not exist.");
        }
        Instant time = e.time() == null ? clock.instant() : e.time();
        String id = UUID.randomUUID().toString();
        ingestion.ingest(scope, bus, EventEnvelope.of(id, e.detailType(), e.source(), scope.accountId(), time, scope.region(),
                e.hasResources() ? e.resources() : List.of(), detail));
        return PutEventsResultEntry.builder().eventId(id).build();
    }

    private static PutEventsResultEntry failure(String code, String message) {
        return PutEventsResultEntry.builder().errorCode(code).errorMessage(message).build();
    }

    private static long entrySize(PutEventsRequestEntry e) {
        long size = e.time() == null ? 0 : 14;
        size += bytes(e.source()) + bytes(e.detailType()) + bytes(e.detail());
        if (e.hasResources()) for (String resource : e.resources()) size += bytes(resource);
        return size;
    }

    private static int bytes(String s) {
        return s == null ? 0 : s.getBytes(StandardCharsets.UTF_8).length;
    }
}
