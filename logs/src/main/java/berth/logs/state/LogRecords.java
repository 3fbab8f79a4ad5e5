package berth.logs.state;

import berth.logs.core.LogGroup;
import berth.logs.core.LogStream;
import berth.store.Store;
import berth.store.StoredRecord;
import berth.store.Write;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Log groups and streams in the store: kind {@code logs.group} keyed {@code account/region/group}, kind
 * {@code logs.stream} keyed {@code account/region/group:stream} (group names cannot contain {@code :},
 * so a group's streams share the prefix {@code account/region/group:} and list in name order).
 * Events are not records; they live in segment storage.
 */
public final class LogRecords {
    public static final String GROUP_KIND = "logs.group";
    public static final String STREAM_KIND = "logs.stream";
    private static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Store store;
    /** Parsed records by kind and key with the store version they were parsed at: PutLogEvents reads two per call. */
    private final java.util.concurrent.ConcurrentHashMap<String, Versioned<Object>> parsed = new java.util.concurrent.ConcurrentHashMap<>();

    public LogRecords(Store store) {
        this.store = store;
    }

    /** The record parsed, reusing the last parse while its store version is unchanged. */
    private <T> Versioned<T> parse(berth.store.StoredRecord record, Class<T> type) {
        String cacheKey = record.kind() + "\u0000" + record.key();
        Versioned<Object> cached = parsed.get(cacheKey);
        if (cached != null && cached.version() == record.version()) {
            return new Versioned<>(type.cast(cached.value()), record.version());
        }
        T value = read(record.value(), type);
        if (parsed.size() > 10_000) parsed.clear();
        parsed.put(cacheKey, new Versioned<>(value, record.version()));
        return new Versioned<>(value, record.version());
    }

    /** A record with the version it was read at, for compare-and-set updates. */
    public record Versioned<T>(T value, long version) {}

    public Optional<Versioned<LogGroup>> group(String account, String region, String name) {
        return store.get(GROUP_KIND, groupKey(account, region, name)).map(r -> parse(r, LogGroup.class));
    }

    /** The groups of one account and region, by name. */
    public List<LogGroup> groups(String account, String region) {
        return store.list(GROUP_KIND, account + "/" + region + "/").stream()
                .map(r -> read(r.value(), LogGroup.class)).toList();
    }

    /** Every group of every account and region, for the retention loop. */
    public List<LogGroup> allGroups() {
        return store.list(GROUP_KIND, "").stream().map(r -> read(r.value(), LogGroup.class)).toList();
    }

    /** @throws berth.store.VersionConflict when the group exists (expected {@link Store#ABSENT}) or changed */
    public void saveGroup(LogGroup group, long expectedVersion) {
        store.put(GROUP_KIND, groupKey(group.accountId(), group.region(), group.name()), write(group), expectedVersion);
    }

    public Optional<LogStream> stream(String account, String region, String group, String name) {
        return store.get(STREAM_KIND, streamKey(account, region, group, name)).map(r -> parse(r, LogStream.class).value());
    }

    /** A group's streams whose names start with {@code namePrefix}, by name. */
    public List<LogStream> streams(String account, String region, String group, String namePrefix) {
        return store.list(STREAM_KIND, streamKey(account, region, group, namePrefix)).stream()
                .map(r -> read(r.value(), LogStream.class)).toList();
    }

    /** Every stream of every group, for the sweep of files whose stream is gone. */
    public List<LogStream> allStreams() {
        return store.list(STREAM_KIND, "").stream().map(r -> read(r.value(), LogStream.class)).toList();
    }

    /** Creates a stream, provided its group is still the one read at {@code groupVersion}. */
    public void createStream(LogStream stream, long groupVersion) {
        String groupKey = groupKey(stream.accountId(), stream.region(), stream.groupName());
        store.commit(List.of(
                Write.put(GROUP_KIND, groupKey, store.get(GROUP_KIND, groupKey).map(StoredRecord::value).orElseThrow(),
                        groupVersion),
                Write.put(STREAM_KIND, streamKey(stream.accountId(), stream.region(), stream.groupName(), stream.name()),
                        write(stream), Store.ABSENT)));
    }

    public void deleteStream(LogStream stream) {
        store.delete(STREAM_KIND, streamKey(stream.accountId(), stream.region(), stream.groupName(), stream.name()), Store.ANY);
    }

    /** Deletes a group and its streams at once; returns the streams, whose events the caller removes. */
    public List<LogStream> deleteGroup(LogGroup group, long expectedVersion) {
        List<LogStream> streams = streams(group.accountId(), group.region(), group.name(), "");
        List<Write> writes = new ArrayList<>();
        writes.add(Write.delete(GROUP_KIND, groupKey(group.accountId(), group.region(), group.name()), expectedVersion));
        for (LogStream stream : streams) {
            writes.add(Write.delete(STREAM_KIND, streamKey(stream.accountId(), stream.region(), stream.groupName(),
                    stream.name()), Store.ANY));
        }
        store.commit(writes);
        return streams;
    }

    private static String groupKey(String account, String region, String name) {
        return account + "/" + region + "/" + name;
    }

    private static String streamKey(String account, String region, String group, String stream) {
        return account + "/" + region + "/" + group + ":" + stream;
    }

    private static byte[] write(Object record) {
        try {
            return JSON.writeValueAsBytes(record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T read(byte[] bytes, Class<T> type) {
        try {
            return JSON.readValue(bytes, type);
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt " + type.getSimpleName() + " record", e);
        }
    }
}
