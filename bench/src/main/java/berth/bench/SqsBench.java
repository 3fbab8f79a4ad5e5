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
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * SQS messages per second through the AWS SDK (AWS JSON 1.0): every message sent, received and
 * deleted, each body checked to arrive exactly once.
 * <ul>
 *   <li>batched: {@code threads} producers with SendMessageBatch of 10, then {@code threads}
 *       consumers with ReceiveMessage (10, long polling) and DeleteMessageBatch;</li>
 *   <li>one by one: one thread, SendMessage, ReceiveMessage of 1, DeleteMessage per message.</li>
 * </ul>
 * Anchor: what every acknowledged send and delete waits for, the disk: one thread appending the same
 * bodies to a file with one fsync per batch of 10 (batched), or per message (one by one), measured
 * in the same run on the same disk. Ratio: berth over anchor.
 *
 * <p>Arguments: ENDPOINT [MESSAGES=20000] [THREADS=4] [BODY_BYTES=256] [SINGLE_MESSAGES=1000]
 */
public final class SqsBench {
    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args[0]);
        int messages = arg(args, 1, 20_000);
        int threads = arg(args, 2, 4);
        int bodyBytes = arg(args, 3, 256);
        int single = arg(args, 4, 1_000);
        try (SqsClient sqs = SqsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.builder().build()).build()) {
            String warm = sqs.createQueue(r -> r.queueName("bench-warm")).queueUrl();
            System.err.println("sqs-bench: warm-up");
            batched(sqs, warm, 2_000, threads, bodyBytes);
            oneByOne(sqs, warm, 200, bodyBytes);

            String queue = sqs.createQueue(r -> r.queueName("bench")).queueUrl();
            System.err.printf("sqs-bench: %,d messages in batches of 10, %d threads%n", messages, threads);
            double[] batch = batched(sqs, queue, messages, threads, bodyBytes);
            System.err.printf("sqs-bench: %,d messages one by one, 1 thread%n", single);
            double oneByOne = oneByOne(sqs, queue, single, bodyBytes);
            double anchorBatched = anchor(messages, bodyBytes, 10);
            double anchorSingle = anchor(single, bodyBytes, 1);

            System.out.printf("%nSQS benchmark: %d-byte bodies, %d cores, SDK client in its own JVM%n", bodyBytes,
                    Runtime.getRuntime().availableProcessors());
            System.out.println("anchor: one thread appending the bodies to a file, fsync per batch (or per message); ratio = berth / anchor");
            System.out.printf("| %-52s | %12s | %12s | %7s |%n", "figure (messages/s)", "berth", "anchor", "ratio");
            System.out.printf("|%s|%s|%s|%s|%n", "-".repeat(54), "-".repeat(14), "-".repeat(14), "-".repeat(9));
            row("send, batches of 10, " + threads + " threads", batch[0], anchorBatched);
            row("receive + delete, batches of 10, " + threads + " threads", batch[1], anchorBatched);
            row("send + receive + delete, batches of 10 (whole trip)", batch[2], anchorBatched);
            row("send + receive + delete one by one, 1 thread", oneByOne, anchorSingle);
        }
    }

    private static void row(String label, double berth, double anchor) {
        System.out.printf("| %-52s | %,12.0f | %,12.0f | %6.3fx |%n", label, berth, anchor, berth / anchor);
    }

    private static int arg(String[] args, int index, int fallback) {
        return args.length > index ? Integer.parseInt(args[index]) : fallback;
    }

    private static String body(int index, int bytes) {
        String head = "message-" + index + "-";
        return head + "x".repeat(Math.max(0, bytes - head.length()));
    }

    /** Messages/s: send phase, receive+delete phase, and all of it. */
    private static double[] batched(SqsClient sqs, String queue, int messages, int threads, int bodyBytes) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long start = System.nanoTime();
            List<Future<?>> sends = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                sends.add(pool.submit(() -> {
                    for (int first = thread * 10; first < messages; first += threads * 10) {
                        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
                        for (int i = first; i < Math.min(messages, first + 10); i++) {
                            entries.add(SendMessageBatchRequestEntry.builder().id("m" + i).messageBody(body(i, bodyBytes)).build());
                        }
                        var result = sqs.sendMessageBatch(r -> r.queueUrl(queue).entries(entries));
                        if (!result.failed().isEmpty()) throw new IllegalStateException("send failed: " + result.failed());
                    }
                    return null;
                }));
            }
            for (Future<?> f : sends) f.get();
            long sent = System.nanoTime();
            Set<String> seen = ConcurrentHashMap.newKeySet();
            AtomicInteger duplicates = new AtomicInteger();
            List<Future<?>> receives = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                receives.add(pool.submit(() -> {
                    while (seen.size() < messages) {
                        List<Message> got = sqs.receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(1)
                                .visibilityTimeout(120)).messages();
                        if (got.isEmpty()) continue;
                        List<DeleteMessageBatchRequestEntry> deletes = new ArrayList<>();
                        for (Message m : got) {
                            if (!seen.add(m.body())) duplicates.incrementAndGet();
                            deletes.add(DeleteMessageBatchRequestEntry.builder().id(m.messageId()).receiptHandle(m.receiptHandle()).build());
                        }
                        var result = sqs.deleteMessageBatch(r -> r.queueUrl(queue).entries(deletes));
                        if (!result.failed().isEmpty()) throw new IllegalStateException("delete failed: " + result.failed());
                    }
                    return null;
                }));
            }
            for (Future<?> f : receives) f.get();
            long done = System.nanoTime();
            if (duplicates.get() > 0) throw new IllegalStateException(duplicates.get() + " messages were received twice");
            for (int i = 0; i < messages; i++) {
                if (!seen.contains(body(i, bodyBytes))) throw new IllegalStateException("message " + i + " never arrived");
            }
            String left = sqs.getQueueAttributes(r -> r.queueUrl(queue).attributeNamesWithStrings("ApproximateNumberOfMessages"))
                    .attributesAsStrings().get("ApproximateNumberOfMessages");
            if (!"0".equals(left)) throw new IllegalStateException(left + " messages left in the queue");
            return new double[] {messages / ((sent - start) / 1e9), messages / ((done - sent) / 1e9), messages / ((done - start) / 1e9)};
        } finally {
            pool.shutdownNow();
        }
    }

    private static double oneByOne(SqsClient sqs, String queue, int messages, int bodyBytes) {
        long start = System.nanoTime();
        for (int i = 0; i < messages; i++) {
            String body = body(i, bodyBytes);
            sqs.sendMessage(r -> r.queueUrl(queue).messageBody(body));
            List<Message> got = sqs.receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(1).waitTimeSeconds(1)).messages();
            if (got.size() != 1 || !got.get(0).body().equals(body)) throw new IllegalStateException("message " + i + " did not come back");
            sqs.deleteMessage(r -> r.queueUrl(queue).receiptHandle(got.get(0).receiptHandle()));
        }
        return messages / ((System.nanoTime() - start) / 1e9);
    }

    /** The bodies appended to a file by one thread with one fsync per {@code perSync} of them. */
    private static double anchor(int messages, int bodyBytes, int perSync) throws IOException {
        Path file = Files.createTempFile(Path.of(System.getProperty("java.io.tmpdir")), "sqs-anchor", ".log");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            long start = System.nanoTime();
            for (int first = 0; first < messages; first += perSync) {
                StringBuilder batch = new StringBuilder();
                for (int i = first; i < Math.min(messages, first + perSync); i++) batch.append(body(i, bodyBytes)).append('\n');
                ByteBuffer bytes = ByteBuffer.wrap(batch.toString().getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) channel.write(bytes);
                channel.force(false);
            }
            return messages / ((System.nanoTime() - start) / 1e9);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private SqsBench() {}
}
