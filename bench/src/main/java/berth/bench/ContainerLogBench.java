package berth.bench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.LogDriver;

/**
 * Log delivery from a real container: a task whose container (awslogs driver) prints LINES numbered
 * lines as fast as busybox sh can, read back with GetLogEvents while it runs. Every line must arrive,
 * in order. Reports the container's write rate, the delivery rate (lines over the time from the first
 * line written to the last one readable), and per line the delay from the container writing it
 * (docker's timestamp) to berth ingesting it, and to the poll that first saw it.
 */
public final class ContainerLogBench {
    private static final String GROUP = "/bench/container";
    private static final String PREFIX = "bench";
    private static final String PAD = "x".repeat(80);

    private ContainerLogBench() {}

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args.length > 0 ? args[0] : "http://127.0.0.1:4566");
        int lines = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        String image = args.length > 2 ? args[2] : "berth-test/busybox:latest";
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        try (EcsClient ecs = EcsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
             CloudWatchLogsClient logs = CloudWatchLogsClient.builder().endpointOverride(endpoint)
                     .region(Region.US_EAST_1).credentialsProvider(credentials)
                     .httpClient(UrlConnectionHttpClient.create()).build()) {
            RunTaskBench.awaitInstance(ecs);
            String script = "i=0; while [ $i -lt " + lines + " ]; do echo \"line $i " + PAD + "\"; i=$((i+1)); done";
            ecs.registerTaskDefinition(r -> r.family("container-log-bench").containerDefinitions(c -> c.name("writer")
                    .image(image).memory(64).command("sh", "-c", script)
                    .logConfiguration(l -> l.logDriver(LogDriver.AWSLOGS).options(Map.of("awslogs-group", GROUP,
                            "awslogs-region", "us-east-1", "awslogs-stream-prefix", PREFIX,
                            "awslogs-create-group", "true")))));
            String taskArn = ecs.runTask(r -> r.taskDefinition("container-log-bench")).tasks().get(0).taskArn();
            String stream = PREFIX + "/writer/" + taskArn.substring(taskArn.lastIndexOf('/') + 1);
            read(logs, stream, lines);
        }
    }

    private static void read(CloudWatchLogsClient logs, String stream, int lines) {
        long deadline = System.currentTimeMillis() + Duration.ofMinutes(5).toMillis();
        List<Long> ingestDelays = new ArrayList<>(lines);
        List<Long> visibleDelays = new ArrayList<>(lines);
        long firstWritten = -1;
        long lastWritten = -1;
        long lastVisible = -1;
        int next = 0;
        String token = null;
        while (next < lines) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("only " + next + " of " + lines + " lines arrived within 5 minutes");
            }
            GetLogEventsResponse page;
            try {
                String from = token;
                page = logs.getLogEvents(r -> r.logGroupName(GROUP).logStreamName(stream).startFromHead(true)
                        .nextToken(from).limit(10_000));
            } catch (ResourceNotFoundException notYet) {
                RunTaskBench.sleep(Duration.ofMillis(5));
                continue;
            }
            long seen = System.currentTimeMillis();
            for (OutputLogEvent event : page.events()) {
                String expected = "line " + next + " " + PAD;
                if (!event.message().equals(expected)) {
                    throw new IllegalStateException("line " + next + " is missing or out of order: got '"
                            + event.message() + "'");
                }
                if (firstWritten < 0) firstWritten = event.timestamp();
                lastWritten = event.timestamp();
                ingestDelays.add(event.ingestionTime() - event.timestamp());
                visibleDelays.add(seen - event.timestamp());
                next++;
            }
            if (!page.events().isEmpty()) lastVisible = seen;
            token = page.nextForwardToken();
            if (page.events().isEmpty()) RunTaskBench.sleep(Duration.ofMillis(5));
        }
        Collections.sort(ingestDelays);
        Collections.sort(visibleDelays);
        double writeSeconds = Math.max(1, lastWritten - firstWritten) / 1000.0;
        double deliverSeconds = Math.max(1, lastVisible - firstWritten) / 1000.0;
        System.out.printf("%nlog delivery from a container: %,d lines of %d bytes printed by busybox sh, awslogs driver,"
                + " read back with GetLogEvents%n", lines, ("line " + (lines - 1) + " " + PAD).length() + 1);
        System.out.println("| figure                                         |          value |");
        System.out.println("| ---------------------------------------------- | -------------- |");
        row("container write rate (lines/s)", String.format("%,.0f", lines / writeSeconds));
        row("delivered: first write -> last read (lines/s)", String.format("%,.0f", lines / deliverSeconds));
        row("written -> ingested p50 (ms)", String.valueOf(percentile(ingestDelays, 0.50)));
        row("written -> ingested p99 (ms)", String.valueOf(percentile(ingestDelays, 0.99)));
        row("written -> seen by GetLogEvents p50 (ms)", String.valueOf(percentile(visibleDelays, 0.50)));
        row("written -> seen by GetLogEvents p99 (ms)", String.valueOf(percentile(visibleDelays, 0.99)));
        System.out.printf("verified: all %d lines read back complete and in order%n", lines);
    }

    private static long percentile(List<Long> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(p * sorted.size())));
    }

    private static void row(String figure, String value) {
        System.out.printf("| %-46s | %14s |%n", figure, value);
    }
}
