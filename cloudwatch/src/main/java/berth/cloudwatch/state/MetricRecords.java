package berth.cloudwatch.state;

import berth.aws.Scope;
import berth.cloudwatch.core.MetricId;
import berth.cloudwatch.core.Observation;
import berth.platform.RecordJson;
import berth.platform.RecordTable;
import berth.store.Store;
import berth.store.Write;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The metric store. Kind {@code cloudwatch.datapoint}, key
 * {@code account/region/metricKey/epochMillis(13)/sequence}: one {@link Observation}; kind
 * {@code cloudwatch.metric}, key {@code account/region/metricKey}: the metric's identity and when
 * data was last put (ListMetrics, RecentlyActive). One PutMetricData is one commit.
 */
public final class MetricRecords {
    public static final String DATAPOINT_KIND = "cloudwatch.datapoint";
    public static final String METRIC_KIND = "cloudwatch.metric";
    /** How stale a metric's {@code lastPut} may get before a put rewrites it. */
    private static final Duration LAST_PUT_RESOLUTION = Duration.ofMinutes(1);

    /** A metric and when data was last put to it. */
    public record MetricEntry(String accountId, String region, MetricId metric, Instant lastPut) {
        public String key() {
            return new Scope(accountId, region).key(metric.key());
        }
    }

    private final Store store;
    private final RecordTable<Observation> datapoints;
    private final RecordTable<MetricEntry> metrics;
    private final AtomicLong sequence = new AtomicLong(System.currentTimeMillis() * 1000);
    /** The last {@code lastPut} written per metric key, so most puts write only their datapoints. */
    private final Map<String, Instant> lastPutWritten = new ConcurrentHashMap<>();

    public MetricRecords(Store store) {
        this.store = store;
        this.datapoints = RecordTable.keyedByOwner(store, DATAPOINT_KIND, RecordJson.STANDARD.codec(Observation.class));
        this.metrics = new RecordTable<>(store, METRIC_KIND, MetricEntry.class, MetricEntry::key);
    }

    /** A metric's observations to record. */
    public record Put(MetricId metric, Observation observation) {}

    /** Records all {@code puts} in one commit, at {@code now} for the metrics' last-put times. */
    public void put(Scope scope, List<Put> puts, Instant now) {
        List<Write> writes = new ArrayList<>(puts.size() + 1);
        Map<String, MetricEntry> touched = new java.util.LinkedHashMap<>();
        for (Put put : puts) {
            String metricKey = scope.key(put.metric().key());
            writes.add(datapoints.put(datapointKey(metricKey, put.observation().timestamp()), put.observation(), Store.ANY));
            Instant written = lastPutWritten.get(metricKey);
            if (written == null || written.plus(LAST_PUT_RESOLUTION).isBefore(now)) {
                touched.put(metricKey, new MetricEntry(scope.accountId(), scope.region(), put.metric(), now));
            }
        }
        touched.values().forEach(m -> writes.add(metrics.put(m, Store.ANY)));
        store.commit(writes);
        touched.forEach((k, m) -> lastPutWritten.put(k, now));
    }

    private String datapointKey(String metricKey, Instant at) {
        return metricKey + "/" + String.format("%013d", Math.max(0, at.toEpochMilli())) + "/" + sequence.incrementAndGet();
    }

    /** A metric's observations with timestamps in [start, end). */
    public List<Observation> observations(Scope scope, MetricId metric, Instant start, Instant end) {
        return datapoints.list(scope.key(metric.key()) + "/").stream()
                .filter(o -> !o.timestamp().isBefore(start) && o.timestamp().isBefore(end)).toList();
    }

    /** The metrics of a scope. */
    public List<MetricEntry> metrics(Scope scope) {
        return metrics.list(scope.prefix());
    }

    /** Every metric of every scope, for retention. */
    public List<MetricEntry> allMetrics() {
        return metrics.list("");
    }

    /** The stored observations of one metric with their keys, for retention. */
    public List<RecordTable.Keyed<Observation>> stored(MetricEntry metric) {
        return datapoints.listKeyed(metric.key() + "/");
    }

    /** Replaces {@code removed} observations with {@code added} ones, in one commit. */
    public void replace(MetricEntry metric, List<String> removed, List<Observation> added) {
        List<Write> writes = new ArrayList<>();
        removed.forEach(k -> writes.add(datapoints.delete(k, Store.ANY)));
        added.forEach(o -> writes.add(datapoints.put(datapointKey(metric.key(), o.timestamp()), o, Store.ANY)));
        if (!writes.isEmpty()) {
            store.commit(writes);
        }
    }

    /** Forgets a metric with no data left. */
    public void removeMetric(MetricEntry metric) {
        metrics.remove(metric.key(), Store.ANY);
        lastPutWritten.remove(metric.key());
    }

    public void forgetCaches() {
        lastPutWritten.clear();
    }
}
