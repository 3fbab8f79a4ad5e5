package berth.server;

import berth.store.Store;
import berth.store.StoredRecord;
import berth.store.Write;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The control-plane state as one JSON document:
 * {@code {"format":"berth-state/1","records":[{"kind":…,"key":…,"value":"<base64>"},…]}}. Values are
 * kept byte for byte; versions are not (an import writes every record afresh).
 */
final class StateSnapshot {
    static final String FORMAT = "berth-state/1";
    private static final JsonFactory JSON = new JsonFactory();

    private StateSnapshot() {}

    static int export(Store store, OutputStream out) throws IOException {
        List<StoredRecord> records = store.scanAll();
        try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeStringField("format", FORMAT);
            json.writeArrayFieldStart("records");
            for (StoredRecord record : records) {
                json.writeStartObject();
                json.writeStringField("kind", record.kind());
                json.writeStringField("key", record.key());
                json.writeStringField("value", Base64.getEncoder().encodeToString(record.value()));
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        return records.size();
    }

    /** Reads a snapshot completely before touching the store; a malformed one changes nothing. */
    static List<Write> read(InputStream in) throws IOException {
        List<Write> writes = new ArrayList<>();
        boolean formatSeen = false;
        try (JsonParser json = JSON.createParser(in)) {
            expect(json.nextToken(), JsonToken.START_OBJECT);
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                json.nextToken();
                if (field.equals("format")) {
                    if (!FORMAT.equals(json.getValueAsString())) {
                        throw new IOException("not a " + FORMAT + " snapshot: format " + json.getValueAsString());
                    }
                    formatSeen = true;
                } else if (field.equals("records")) {
                    expect(json.currentToken(), JsonToken.START_ARRAY);
                    while (json.nextToken() == JsonToken.START_OBJECT) {
                        writes.add(readRecord(json));
                    }
                } else {
                    json.skipChildren();
                }
            }
        } catch (IllegalArgumentException e) {
            throw new IOException("malformed snapshot: " + e.getMessage(), e);
        }
        if (!formatSeen) throw new IOException("not a " + FORMAT + " snapshot: no format field");
        return writes;
    }

    private static Write readRecord(JsonParser json) throws IOException {
        String kind = null;
        String key = null;
        byte[] value = null;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            json.nextToken();
            switch (field) {
                case "kind" -> kind = json.getValueAsString();
                case "key" -> key = json.getValueAsString();
                case "value" -> value = Base64.getDecoder().decode(json.getValueAsString(""));
                default -> json.skipChildren();
            }
        }
        if (kind == null || key == null || value == null) throw new IOException("snapshot record without kind, key or value");
        return Write.put(kind, key, value, Store.ANY);
    }

    /** Replaces the whole store with the snapshot's records, in one atomic commit. */
    static int replace(Store store, List<Write> writes) {
        java.util.Set<String> incoming = new java.util.HashSet<>();
        writes.forEach(w -> incoming.add(w.kind() + "\u0000" + w.key()));
        List<Write> all = new ArrayList<>(writes);
        for (StoredRecord existing : store.scanAll()) {
            if (!incoming.contains(existing.kind() + "\u0000" + existing.key())) {
                all.add(Write.delete(existing.kind(), existing.key(), Store.ANY));
            }
        }
        if (!all.isEmpty()) store.commit(all);
        return writes.size();
    }

    private static void expect(JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) throw new IOException("malformed snapshot: expected " + expected + ", found " + actual);
    }
}
