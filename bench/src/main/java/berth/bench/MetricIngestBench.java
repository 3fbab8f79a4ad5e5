package berth.bench;

import berth.store.Store;
import berth.store.Write;
import berth.store.embedded.EmbeddedStore;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/**
 * Metric ingestion: one producer sends DATAPOINTS datapoints through PutMetricData (the SDK for
 * Java v2, so the Query protocol) in requests of BATCH datapoints over 100 metrics, against a berth
 * already running at the given endpoint; afterwards GetMetricStatistics must count every one.
 *
 * <p>Anchor, measured in the same run by this process: the embedded store that holds berth's
 * datapoints, opened on a directory of berth's disk, committing the same number of records of the
 * same size in commits of BATCH records (what one PutMetricData costs the store at least). Ratio:
 * berth datapoints/s over anchor records/s.
 *
 * <p>Usage: {@code MetricIngestBench ENDPOINT [DATAPOINTS] [BATCH]} (defaults 100000, 1000).
 */
public final class MetricIngestBench {
    private MetricIngestBench() {}

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args.length > 0 ? args[0] : "http://127.0.0.1:4566");
        int total = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 1_000;
        try (CloudWatchClient cw = CloudWatchClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            put(cw, "BenchWarmup", 20_000, batch);
            double anchor = anchor(total, batch);
            long started = System.nanoTime();
            Instant from = Instant.now().minusSeconds(60);
            put(cw, "Bench", total, batch);
            double seconds = (System.nanoTime() - started) / 1e9;
            double counted = 0;
            for (int m = 0; m < 100; m++) {
                int metric = m;
                counted += cw.getMetricStatistics(r -> r.namespace("Bench").metricName("Requests")
                        .dimensions(Dimension.builder().name("Instance").value("i-" + metric).build())
                        .statistics(Statistic.SAMPLE_COUNT).period(3600).startTime(from.minusSeconds(3600))
                        .endTime(Instant.now().plusSeconds(3600))).datapoints().stream().mapToDouble(d -> d.sampleCount()).sum();
            }
            if (counted != total) throw new IllegalStateException("GetMetricStatistics counted " + counted + " of " + total);
            double rate = total / seconds;
            System.out.printf("metric ingestion: %,d datapoints over 100 metrics in PutMetricData requests of %,d, one producer"
                    + " (endpoint %s)%n", total, batch, endpoint);
            System.out.printf("| %-52s | %14s |%n", "figure", "value");
            System.out.printf("| %-52s | %14s |%n", "-".repeat(52), "-".repeat(14));
            System.out.printf("| %-52s | %,14.0f |%n", "berth PutMetricData (datapoints/s)", rate);
            System.out.printf("| %-52s | %,14.0f |%n", "anchor: embedded store, commits of " + batch + " (records/s)", anchor);
            System.out.printf("| %-52s | %14.3f |%n", "ratio berth / anchor", rate / anchor);
            System.out.println("verified: GetMetricStatistics counts all " + total + " datapoints");
        }
    }

    private static void put(CloudWatchClient cw, String namespace, int total, int batch) {
        Instant base = Instant.now();
        for (int sent = 0; sent < total; sent += batch) {
            List<MetricDatum> data = new ArrayList<>(batch);
            for (int i = sent; i < Math.min(total, sent + batch); i++) {
                data.add(MetricDatum.builder().metricName("Requests").value((double) (i % 500))
                        .dimensions(Dimension.builder().name("Instance").value("i-" + (i % 100)).build())
                        .timestamp(base.plusMillis(i % 1000)).unit("Count").build());
            }
            cw.putMetricData(r -> r.namespace(namespace).metricData(data));
        }
    }

    /** Records/s the embedded store commits, in commits of {@code batch} records of a datapoint's size. */
    private static double anchor(int total, int batch) throws Exception {
        Path dir = Files.createTempDirectory("metric-anchor");
        byte[] value = ("{\"timestamp\":\"2026-01-01T00:00:00.123Z\",\"sampleCount\":1.0,\"sum\":42.0,\"minimum\":42.0,"
                + "\"maximum\":42.0,\"unit\":\"Count\",\"storageResolution\":60,\"values\":[42.0],\"counts\":[1.0]}")
                .getBytes(StandardCharsets.UTF_8);
        try (Store store = EmbeddedStore.open(dir)) {
            long started = System.nanoTime();
            for (int sent = 0; sent < total; sent += batch) {
                List<Write> writes = new ArrayList<>(batch);
                for (int i = sent; i < Math.min(total, sent + batch); i++) {
                    writes.add(Write.put("bench.datapoint", String.format("000000000000/us-east-1/%032x/%013d/%d", i % 100,
                            1_767_225_600_000L + i, i), value, Store.ANY));
                }
                store.commit(writes);
            }
            return total / ((System.nanoTime() - started) / 1e9);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
