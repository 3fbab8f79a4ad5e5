package berth.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;

/**
 * Container log ingestion: one producer sends LINES lines through PutLogEvents in batches of up to BATCH
 * lines (and PutLogEvents' 1 MiB), as a container's log shipper would, against a berth already running
 * at the given endpoint. A second
 * client tails the stream with GetLogEvents forward tokens and notes when each batch's last line
 * becomes visible. Afterwards every line is read back and checked, complete and in order.
 *
 * <p>Anchor, measured in the same run by this process: the same lines in the same batches appended to
 * a plain file with one fsync per batch. Ratio: berth lines/s over anchor lines/s.
 *
 * <p>Usage: {@code LogIngestBench ENDPOINT [LINES] [BATCH] [LINE_BYTES]} (defaults 100000, 1000, 120).
 */
public final class LogIngestBench {
    private LogIngestBench() {}

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args.length > 0 ? args[0] : "http://127.0.0.1:4566");
        int lines = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 1_000;
        int lineBytes = args.length > 3 ? Integer.parseInt(args[3]) : 120;
        List<String> text = new ArrayList<>(lines);
        for (int i = 0; i < lines; i++) {
            String head = String.format("%08d %s web[%d]: GET /api/orders/%d 200 ", i, "2026-01-01T00:00:00Z", i % 97, i);
            text.add(head + "x".repeat(Math.max(0, lineBytes - head.length())));
        }

        try (CloudWatchLogsClient producer = client(endpoint); CloudWatchLogsClient reader = client(endpoint)) {
            warmUp(producer, text);
            double anchor = anchorLinesPerSecond(text, batch);
            Result berth = ingest(producer, reader, text, batch);
            verify(reader, berth.group, berth.stream, text);
            System.out.printf("log ingestion: %,d lines of %d bytes, batches of up to %,d lines and 1 MiB (%d batches), one producer "
                    + "(endpoint %s)%n", lines, lineBytes, batch, batches(text, batch).size(), endpoint);
            System.out.printf("| %-46s | %14s |%n", "figure", "value");
            System.out.printf("| %-46s | %14s |%n", "-".repeat(46), "-".repeat(14));
            System.out.printf("| %-46s | %,14.0f |%n", "berth PutLogEvents (lines/s)", berth.linesPerSecond);
            System.out.printf("| %-46s | %,14.0f |%n", "anchor: append + fsync per batch (lines/s)", anchor);
            System.out.printf("| %-46s | %14.3f |%n", "ratio berth / anchor", berth.linesPerSecond / anchor);
            System.out.printf("| %-46s | %14.2f |%n", "PutLogEvents latency p50 (ms)", berth.putP50);
            System.out.printf("| %-46s | %14.2f |%n", "PutLogEvents latency p99 (ms)", berth.putP99);
            System.out.printf("| %-46s | %14.2f |%n", "return -> visible in GetLogEvents p50 (ms)", berth.visibleP50);
            System.out.printf("| %-46s | %14.2f |%n", "return -> visible in GetLogEvents p99 (ms)", berth.visibleP99);
            if (berth.berthCpuSeconds >= 0) {
                System.out.printf("| %-46s | %14.2f |%n", "berth CPU during ingestion (s)", berth.berthCpuSeconds);
            }
            System.out.printf("| %-46s | %14.2f |%n", "producer+tail client CPU during ingestion (s)", berth.clientCpuSeconds);
            System.out.println("verified: all " + lines + " lines read back complete and in order");
        }
    }

    private static CloudWatchLogsClient client(URI endpoint) {
        return CloudWatchLogsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    private record Result(String group, String stream, double linesPerSecond, double putP50, double putP99,
                          double visibleP50, double visibleP99, double berthCpuSeconds, double clientCpuSeconds) {}

    /** CPU seconds a process has used so far, from /proc (the berth process's pid comes as -Dberth.pid); -1 if unknown. */
    private static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long berthPid() {
        return Long.getLong("berth.pid", -1L);
    }

    /** Runs the JIT over the client, the codec and the handler, so the timed run is not the first. */
    private static void warmUp(CloudWatchLogsClient logs, List<String> text) {
        String group = "/bench/warmup-" + System.nanoTime();
        logs.createLogGroup(r -> r.logGroupName(group));
        logs.createLogStream(r -> r.logGroupName(group).logStreamName("w"));
        long now = System.currentTimeMillis();
        for (int b = 0; b < 20; b++) {
            List<InputLogEvent> events = text.subList(0, 1000).stream()
                    .map(m -> InputLogEvent.builder().timestamp(now).message(m).build()).toList();
            logs.putLogEvents(r -> r.logGroupName(group).logStreamName("w").logEvents(events));
            logs.getLogEvents(r -> r.logGroupName(group).logStreamName("w").limit(100));
        }
        logs.deleteLogGroup(r -> r.logGroupName(group));
    }

    private static Result ingest(CloudWatchLogsClient producer, CloudWatchLogsClient reader, List<String> text, int batch)
            throws InterruptedException {
        String group = "/bench/ingest-" + System.nanoTime();
        String stream = "app/web/task-1";
        producer.createLogGroup(r -> r.logGroupName(group));
        producer.createLogStream(r -> r.logGroupName(group).logStreamName(stream));
        List<int[]> bounds = batches(text, batch);
        int batches = bounds.size();
        long[] returnedAt = new long[batches];
        long[] putNanos = new long[batches];
        ConcurrentHashMap<Integer, Long> visibleAt = new ConcurrentHashMap<>();
        int[] lastLineOfBatch = bounds.stream().mapToInt(b -> b[1] - 1).toArray();
        AtomicBoolean done = new AtomicBoolean();
        Thread tail = new Thread(() -> follow(reader, group, stream, lastLineOfBatch, visibleAt, done), "tail");
        tail.setDaemon(true);
        tail.start();
        long base = System.currentTimeMillis();
        double berthCpuBefore = cpuSeconds(berthPid());
        double clientCpuBefore = cpuSeconds(ProcessHandle.current().pid());
        long started = System.nanoTime();
        try {
            for (int b = 0; b < batches; b++) {
                long timestamp = base + b;
                List<InputLogEvent> events = new ArrayList<>(bounds.get(b)[1] - bounds.get(b)[0]);
                for (int i = bounds.get(b)[0]; i < bounds.get(b)[1]; i++) {
                    events.add(InputLogEvent.builder().timestamp(timestamp).message(text.get(i)).build());
                }
                long before = System.nanoTime();
                producer.putLogEvents(r -> r.logGroupName(group).logStreamName(stream).logEvents(events));
                returnedAt[b] = System.nanoTime();
                putNanos[b] = returnedAt[b] - before;
            }
        } catch (RuntimeException e) {
            done.set(true);
            throw e;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        double berthCpu = berthPid() < 0 ? -1 : cpuSeconds(berthPid()) - berthCpuBefore;
        double clientCpu = cpuSeconds(ProcessHandle.current().pid()) - clientCpuBefore;
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (visibleAt.size() < batches && System.nanoTime() < deadline) Thread.sleep(5);
        done.set(true);
        tail.join();
        if (visibleAt.size() < batches) throw new IllegalStateException("only " + visibleAt.size() + " of " + batches + " batches became visible");
        double[] visible = new double[batches];
        for (int b = 0; b < batches; b++) visible[b] = Math.max(0, visibleAt.get(b) - returnedAt[b]) / 1e6;
        double[] puts = Arrays.stream(putNanos).mapToDouble(n -> n / 1e6).toArray();
        return new Result(group, stream, text.size() / seconds, percentile(puts, 50), percentile(puts, 99),
                percentile(visible, 50), percentile(visible, 99), berthCpu, clientCpu);
    }

    /**
     * Splits the lines into batches as a log shipper does: at most {@code maxLines} lines and at most
     * PutLogEvents' 1,048,576 bytes (message bytes plus 26 per event). Each entry is {@code [from, to)}.
     */
    private static List<int[]> batches(List<String> text, int maxLines) {
        List<int[]> out = new ArrayList<>();
        int from = 0;
        long bytes = 0;
        for (int i = 0; i < text.size(); i++) {
            long size = text.get(i).getBytes(StandardCharsets.UTF_8).length + 26L;
            if (i > from && (i - from == maxLines || bytes + size > 1_048_576)) {
                out.add(new int[] {from, i});
                from = i;
                bytes = 0;
            }
            bytes += size;
        }
        out.add(new int[] {from, text.size()});
        return out;
    }

    /** Tails the stream as a viewer would, noting when the last line of each batch first shows up. */
    private static void follow(CloudWatchLogsClient reader, String group, String stream, int[] lastLineOfBatch,
                               ConcurrentHashMap<Integer, Long> visibleAt, AtomicBoolean done) {
        String token = null;
        while (!done.get()) {
            String from = token;
            GetLogEventsResponse page = reader.getLogEvents(r -> r.logGroupName(group).logStreamName(stream)
                    .startFromHead(true).nextToken(from));
            long seen = System.nanoTime();
            for (OutputLogEvent event : page.events()) {
                int line = Integer.parseInt(event.message().substring(0, 8));
                int batch = Arrays.binarySearch(lastLineOfBatch, line);
                if (batch >= 0) visibleAt.putIfAbsent(batch, seen);
            }
            token = page.nextForwardToken();
        }
    }

    private static void verify(CloudWatchLogsClient reader, String group, String stream, List<String> text) {
        List<String> read = new ArrayList<>(text.size());
        reader.getLogEventsPaginator(r -> r.logGroupName(group).logStreamName(stream).startFromHead(true))
                .events().forEach(e -> read.add(e.message()));
        if (read.size() != text.size()) throw new IllegalStateException("read " + read.size() + " lines, sent " + text.size());
        for (int i = 0; i < text.size(); i++) {
            if (!read.get(i).equals(text.get(i))) throw new IllegalStateException("line " + i + " differs: " + read.get(i));
        }
    }

    /** The same lines, batched the same way, appended to a file with one fsync per batch. */
    private static double anchorLinesPerSecond(List<String> text, int batch) throws IOException {
        Path file = Files.createTempFile(Path.of(System.getProperty("java.io.tmpdir")), "log-anchor", ".log");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            long started = System.nanoTime();
            for (int[] bounds : batches(text, batch)) {
                int from = bounds[0];
                int to = bounds[1];
                StringBuilder lines = new StringBuilder();
                for (int i = from; i < to; i++) lines.append(text.get(i)).append('\n');
                ByteBuffer bytes = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) channel.write(bytes);
                channel.force(false);
            }
            return text.size() / ((System.nanoTime() - started) / 1e9);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static double percentile(double[] values, int p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
