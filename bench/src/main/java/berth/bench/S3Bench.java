package berth.bench;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * S3 object PUT/GET throughput and small-object operations per second, beside the registry's blob
 * push and pull path on the same berth, in the same run, with the same client (java.net.http, one
 * HTTP/1.1 connection per thread) and the same bytes:
 * <ul>
 *   <li>S3: PUT and GET on presigned URLs (SigV4 query signatures, UNSIGNED-PAYLOAD, so the client
 *       hashes nothing and the server's work is what is timed: MD5 for the ETag, data file, fsync,
 *       metadata commit);</li>
 *   <li>anchor, the registry: OCI monolithic blob upload (POST /v2/…/blobs/uploads/, PUT ?digest=),
 *       which verifies SHA-256 and fsyncs, and GET /v2/…/blobs/&lt;digest&gt;.</li>
 * </ul>
 * Large objects go one at a time; small objects from {@code threads} threads. Every object is
 * distinct (the registry would otherwise deduplicate), every GET's length is checked. Ratio: S3 over
 * registry (above 1: S3 faster).
 *
 * <p>Arguments: ENDPOINT [LARGE_MIB=64] [LARGE_COUNT=8] [SMALL_KIB=4] [SMALL_COUNT=2000] [THREADS=4]
 */
public final class S3Bench {
    private static final String BUCKET = "bench";
    private static final String REPO = "bench/blobs";

    private final URI endpoint;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final S3Presigner presigner;
    private final String registryAuth;

    private S3Bench(URI endpoint) {
        this.endpoint = endpoint;
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        this.presigner = S3Presigner.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(credentials)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build();
        try (S3Client s3 = S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
             EcrClient ecr = EcrClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(credentials)
                     .httpClient(UrlConnectionHttpClient.create()).build()) {
            s3.createBucket(r -> r.bucket(BUCKET));
            ecr.createRepository(r -> r.repositoryName(REPO));
            this.registryAuth = "Basic " + ecr.getAuthorizationToken(r -> { }).authorizationData().get(0).authorizationToken();
        }
    }

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args[0]);
        int largeMib = arg(args, 1, 64);
        int largeCount = arg(args, 2, 8);
        int smallKib = arg(args, 3, 4);
        int smallCount = arg(args, 4, 2000);
        int threads = arg(args, 5, 4);
        S3Bench bench = new S3Bench(endpoint);

        byte[] large = new byte[largeMib << 20];
        new Random(1).nextBytes(large);
        System.err.printf("s3-bench: warm-up%n");
        bench.largeRound("warm", large, 2);
        bench.smallRound("warm", smallKib, Math.min(smallCount, 400), threads);

        System.err.printf("s3-bench: %d objects of %d MiB each way, one at a time%n", largeCount, largeMib);
        double[] largeFigures = bench.largeRound("timed", large, largeCount);
        System.err.printf("s3-bench: %d objects of %d KiB each way, %d threads%n", smallCount, smallKib, threads);
        double[] smallFigures = bench.smallRound("timed", smallKib, smallCount, threads);

        System.out.printf("%nS3 benchmark: %d x %d MiB and %d x %d KiB objects, %d cores, client java.net.http in its own JVM%n",
                largeCount, largeMib, smallCount, smallKib, Runtime.getRuntime().availableProcessors());
        System.out.println("anchor: the registry's blob push (OCI monolithic upload) and pull on the same berth; ratio = S3 / registry");
        System.out.printf("| %-38s | %12s | %12s | %7s |%n", "figure", "S3", "registry", "ratio");
        System.out.printf("|%s|%s|%s|%s|%n", "-".repeat(40), "-".repeat(14), "-".repeat(14), "-".repeat(9));
        row("PUT " + largeMib + " MiB (MB/s)", largeFigures[0], largeFigures[1]);
        row("GET " + largeMib + " MiB (MB/s)", largeFigures[2], largeFigures[3]);
        row("PUT " + smallKib + " KiB, " + threads + " threads (ops/s)", smallFigures[0], smallFigures[1]);
        row("GET " + smallKib + " KiB, " + threads + " threads (ops/s)", smallFigures[2], smallFigures[3]);
        bench.presigner.close();
    }

    private static void row(String label, double s3, double registry) {
        System.out.printf("| %-38s | %,12.1f | %,12.1f | %6.2fx |%n", label, s3, registry, s3 / registry);
    }

    private static int arg(String[] args, int index, int fallback) {
        return args.length > index ? Integer.parseInt(args[index]) : fallback;
    }

    /** PUT and GET of {@code count} large objects on each side, alternating; MB/s for S3 PUT, registry PUT, S3 GET, registry GET. */
    private double[] largeRound(String round, byte[] template, int count) throws Exception {
        long[] nanos = new long[4];
        List<String> digests = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] data = variant(template, round + i);
            String digest = sha256(data);
            String key = round + "/large-" + i;
            long start = System.nanoTime();
            s3Put(key, data);
            nanos[0] += System.nanoTime() - start;
            start = System.nanoTime();
            registryPush(digest, data);
            nanos[1] += System.nanoTime() - start;
            digests.add(digest);
            keys.add(key);
        }
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            expectLength(s3Get(keys.get(i)), template.length);
            nanos[2] += System.nanoTime() - start;
            start = System.nanoTime();
            expectLength(registryPull(digests.get(i)), template.length);
            nanos[3] += System.nanoTime() - start;
        }
        double mb = (double) template.length * count / 1e6;
        return new double[] {mb / (nanos[0] / 1e9), mb / (nanos[1] / 1e9), mb / (nanos[2] / 1e9), mb / (nanos[3] / 1e9)};
    }

    /** Small objects from {@code threads} threads: ops/s for S3 PUT, registry push, S3 GET, registry pull. */
    private double[] smallRound(String round, int kib, int count, int threads) throws Exception {
        byte[] template = new byte[kib << 10];
        new Random(2).nextBytes(template);
        List<byte[]> data = new ArrayList<>();
        List<String> digests = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            data.add(variant(template, round + "small" + i));
            digests.add(sha256(data.get(i)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            double s3Put = parallel(pool, threads, count, i -> s3Put(round + "/small-" + i, data.get(i)));
            double registryPut = parallel(pool, threads, count, i -> registryPush(digests.get(i), data.get(i)));
            double s3Get = parallel(pool, threads, count, i -> expectLength(s3Get(round + "/small-" + i), template.length));
            double registryGet = parallel(pool, threads, count, i -> expectLength(registryPull(digests.get(i)), template.length));
            return new double[] {s3Put, registryPut, s3Get, registryGet};
        } finally {
            pool.shutdownNow();
        }
    }

    private interface Op {
        void run(int index) throws Exception;
    }

    private static double parallel(ExecutorService pool, int threads, int count, Op op) throws Exception {
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                for (int i = thread; i < count; i += threads) op.run(i);
                return null;
            }));
        }
        for (Future<?> f : futures) f.get();
        return count / ((System.nanoTime() - start) / 1e9);
    }

    private void s3Put(String key, byte[] data) throws Exception {
        URI url = presigner.presignPutObject(r -> r.signatureDuration(Duration.ofMinutes(10))
                .putObjectRequest(p -> p.bucket(BUCKET).key(key))).url().toURI();
        expect(http.send(HttpRequest.newBuilder(url).PUT(HttpRequest.BodyPublishers.ofByteArray(data)).build(),
                HttpResponse.BodyHandlers.ofString()), 200);
    }

    private long s3Get(String key) throws Exception {
        URI url = presigner.presignGetObject(r -> r.signatureDuration(Duration.ofMinutes(10))
                .getObjectRequest(g -> g.bucket(BUCKET).key(key))).url().toURI();
        return drain(http.send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofInputStream()));
    }

    private void registryPush(String digest, byte[] data) throws Exception {
        HttpResponse<String> started = http.send(HttpRequest.newBuilder(endpoint.resolve("/v2/" + REPO + "/blobs/uploads/"))
                .header("Authorization", registryAuth).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        expect(started, 202);
        String location = started.headers().firstValue("Location").orElseThrow();
        URI put = endpoint.resolve(location + (location.contains("?") ? "&" : "?") + "digest=" + digest);
        expect(http.send(HttpRequest.newBuilder(put).header("Authorization", registryAuth)
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(data)).build(), HttpResponse.BodyHandlers.ofString()), 201);
    }

    private long registryPull(String digest) throws Exception {
        return drain(http.send(HttpRequest.newBuilder(endpoint.resolve("/v2/" + REPO + "/blobs/" + digest))
                .header("Authorization", registryAuth).GET().build(), HttpResponse.BodyHandlers.ofInputStream()));
    }

    private static long drain(HttpResponse<InputStream> response) throws Exception {
        try (InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                throw new IllegalStateException(response.uri() + " answered " + response.statusCode() + ": " + new String(in.readAllBytes()));
            }
            byte[] buffer = new byte[1 << 16];
            long total = 0;
            int n;
            while ((n = in.read(buffer)) > 0) total += n;
            return total;
        }
    }

    private static void expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.request().method() + " " + response.uri() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
    }

    private static void expectLength(long got, long expected) {
        if (got != expected) throw new IllegalStateException("read " + got + " bytes, expected " + expected);
    }

    /** The template with its first bytes replaced by {@code tag}, so every object has its own digest. */
    private static byte[] variant(byte[] template, String tag) {
        byte[] out = template.clone();
        byte[] name = (tag + "|").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        System.arraycopy(name, 0, out, 0, Math.min(name.length, out.length));
        return out;
    }

    private static String sha256(byte[] data) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
