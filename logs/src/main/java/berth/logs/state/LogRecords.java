package berth.logs.state;

import berth.aws.Scope;
import berth.logs.core.LogGroup;
import berth.logs.core.LogStream;
import berth.platform.RecordTable;
import berth.platform.RecordTable.Versioned;
import berth.store.Store;
import berth.store.Write;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Log groups and streams in the store: kind {@code logs.group} keyed {@code account/region/group}, kind
 * {@code logs.stream} keyed {@code account/region/group:stream} (group names cannot contain {@code :},
 * so a group's streams share the prefix {@code account/region/group:} and list in name order).
 * Events are not records; they live in segment storage.
 */
public final class LogRecords {
    public static final String GROUP_KIND = "logs.group";
    public static final String STREAM_KIND = "logs.stream";
    /** Parsed groups and streams kept for reuse while unchanged: PutLogEvents reads two per call. */
    private static final int REUSED_READS = 10_000;

    private final Store store;
    private final RecordTable<LogGroup> groups;
    private final RecordTable<LogStream> streams;

    public LogRecords(Store store) {
        this.store = store;
        this.groups = new RecordTable<>(store, GROUP_KIND, LogGroup.class, g -> groupKey(g.scope(), g.name()))
                .reusingReads(REUSED_READS);
        this.streams = new RecordTable<>(store, STREAM_KIND, LogStream.class,
                s -> streamKey(s.scope(), s.groupName(), s.name())).reusingReads(REUSED_READS);
    }

    public Optional<Versioned<LogGroup>> group(Scope scope, String name) {
        return groups.find(groupKey(scope, name));
    }

    /** The groups of one account and region, by name. */
    public List<LogGroup> groups(Scope scope) {
        return groups.list(scope.prefix());
    }

    /** Every group of every account and region, for the retention loop. */
    public List<LogGroup> allGroups() {
        return groups.list("");
    }

    /** @throws berth.store.VersionConflict when the group exists (expected {@link Store#ABSENT}) or changed */
    public void saveGroup(LogGroup group, long expectedVersion) {
        groups.save(group, expectedVersion);
    }

    /** Applies {@code change} to the group with compare-and-set, re-reading on conflicts; empty when there is no such group. */
    public Optional<LogGroup> updateGroup(Scope scope, String name, UnaryOperator<LogGroup> change) {
        return groups.update(groupKey(scope, name), change);
    }

    public Optional<LogStream> stream(Scope scope, String group, String name) {
        return streams.find(streamKey(scope, group, name)).map(Versioned::value);
    }

    /** A group's streams whose names start with {@code namePrefix}, by name. */
    public List<LogStream> streams(Scope scope, String group, String namePrefix) {
        return streams.list(streamKey(scope, group, namePrefix));
    }

    /** Every stream of the group, by name. */
    public List<LogStream> streams(LogGroup group) {
        return streams(group.scope(), group.name(), "");
    }

    /** Every stream of every group, for the sweep of files whose stream is gone. */
    public List<LogStream> allStreams() {
        return streams.list("");
    }

    /** Creates a stream, provided its group is still the one read. */
    public void createStream(LogStream stream, Versioned<LogGroup> group) {
        store.commit(List.of(groups.put(group.value(), group.version()), streams.put(stream, Store.ABSENT)));
    }

    public void deleteStream(LogStream stream) {
        streams.remove(streams.keyOf(stream), Store.ANY);
    }

    /** Deletes a group and its streams at once; returns the streams, whose events the caller removes. */
    public List<LogStream> deleteGroup(LogGroup group, long expectedVersion) {
        List<LogStream> deleted = streams(group);
        List<Write> writes = new ArrayList<>();
        writes.add(groups.delete(groups.keyOf(group), expectedVersion));
        for (LogStream stream : deleted) writes.add(streams.delete(streams.keyOf(stream), Store.ANY));
        store.commit(writes);
        return deleted;
    }

    private static String groupKey(Scope scope, String name) {
        return scope.key(name);
    }

    private static String streamKey(Scope scope, String group, String stream) {
        return scope.key(group + ":" + stream);
    }
}
