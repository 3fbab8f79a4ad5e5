package berth.e2e.registry;

import static org.assertj.core.api.Assertions.assertThat;

import berth.junit5.Berth;
import berth.junit5.BerthTest;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;

/** The distribution API spoken over plain HTTP: uploads, resumption, verification, auth, listings, referrers. */
@BerthTest
class RegistryProtocolTest {
    static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    private final URI endpoint;
    private final EcrClient ecr;
    private final RegistryClients clients;
    private final String auth;

    RegistryProtocolTest(URI endpoint, EcrClient ecr) throws Exception {
        this.endpoint = endpoint;
        this.ecr = ecr;
        this.clients = new RegistryClients(endpoint);
        this.auth = RegistryClients.basic(clients.loginPassword("test"));
    }

    private HttpResponse<byte[]> call(String method, String path, byte[] body, String... headers) throws Exception {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Authorization", auth);
        for (int i = 0; i < headers.length; i += 2) all.put(headers[i], headers[i + 1]);
        return clients.request(method, path, all, body);
    }

    private String pushBlob(String repo, byte[] content) throws Exception {
        String digest = RegistryClients.sha256(content);
        assertThat(call("POST", "/v2/" + repo + "/blobs/uploads/?digest=" + digest, content).statusCode()).isEqualTo(201);
        return digest;
    }

    private String manifest(String configDigest, int configSize, String layerDigest, int layerSize, String extra) {
        return "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"config\":{\"mediaType\":"
                + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest + "\",\"size\":" + configSize
                + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"" + layerDigest
                + "\",\"size\":" + layerSize + "}]" + extra + "}";
    }

    private static String errorCode(HttpResponse<byte[]> response) {
        String body = new String(response.body(), StandardCharsets.UTF_8);
        int at = body.indexOf("\"code\":\"");
        return at < 0 ? body : body.substring(at + 8, body.indexOf('"', at + 8));
    }

    @Test
    void anInterruptedChunkedUploadResumesWhereTheDataEnds() throws Exception {
        ecr.createRepository(r -> r.repositoryName("proto/resume"));
        byte[] content = RegistryClients.random(3_000_000, 5);
        HttpResponse<byte[]> started = call("POST", "/v2/proto/resume/blobs/uploads/", new byte[0]);
        assertThat(started.statusCode()).isEqualTo(202);
        String location = started.headers().firstValue("Location").orElseThrow();

        HttpResponse<byte[]> first = call("PATCH", location, Arrays.copyOfRange(content, 0, 1_000_000),
                "Content-Range", "0-999999", "Content-Type", "application/octet-stream");
        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(first.headers().firstValue("Range")).contains("0-999999");

        new RawHttp(endpoint).sendCutOff("PATCH", location, Map.of("Authorization", auth, "Content-Range", "1000000-2999999",
                "Content-Type", "application/octet-stream"), 2_000_000, Arrays.copyOfRange(content, 1_000_000, 1_700_000));
        long received = -1;
        for (int i = 0; i < 100; i++) {
            HttpResponse<byte[]> status = call("GET", location, new byte[0]);
            assertThat(status.statusCode()).isEqualTo(204);
            long now = Long.parseLong(status.headers().firstValue("Range").orElseThrow().split("-")[1]) + 1;
            if (now == received) break;
            received = now;
            Thread.sleep(100);
        }
        assertThat(received).isBetween(1_000_000L, 1_700_000L);

        HttpResponse<byte[]> outOfOrder = call("PATCH", location, Arrays.copyOfRange(content, 0, 10), "Content-Range", "0-9");
        assertThat(outOfOrder.statusCode()).isEqualTo(416);
        assertThat(outOfOrder.headers().firstValue("Range")).contains("0-" + (received - 1));

        int from = (int) received;
        HttpResponse<byte[]> rest = call("PATCH", location, Arrays.copyOfRange(content, from, content.length),
                "Content-Range", from + "-" + (content.length - 1));
        assertThat(rest.statusCode()).isEqualTo(202);
        String digest = RegistryClients.sha256(content);
        HttpResponse<byte[]> done = call("PUT", location + "?digest=" + digest, new byte[0]);
        assertThat(done.statusCode()).isEqualTo(201);
        assertThat(done.headers().firstValue("Docker-Content-Digest")).contains(digest);
        HttpResponse<byte[]> blob = call("GET", "/v2/proto/resume/blobs/" + digest, new byte[0]);
        assertThat(blob.body()).isEqualTo(content);
        HttpResponse<byte[]> part = call("GET", "/v2/proto/resume/blobs/" + digest, new byte[0], "Range", "bytes=10-19");
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(content, 10, 20));
    }

    @Test
    void aCorruptedLayerIsRefusedAndLeavesNothingBehind() throws Exception {
        ecr.createRepository(r -> r.repositoryName("proto/corrupt"));
        byte[] content = RegistryClients.random(500_000, 6);
        String claimed = RegistryClients.sha256(content);
        byte[] corrupted = content.clone();
        corrupted[12345] ^= 1;

        HttpResponse<byte[]> monolithic = call("POST", "/v2/proto/corrupt/blobs/uploads/?digest=" + claimed, corrupted);
        assertThat(monolithic.statusCode()).isEqualTo(400);
        assertThat(errorCode(monolithic)).isEqualTo("DIGEST_INVALID");

        String location = call("POST", "/v2/proto/corrupt/blobs/uploads/", new byte[0]).headers().firstValue("Location").orElseThrow();
        assertThat(call("PATCH", location, corrupted).statusCode()).isEqualTo(202);
        HttpResponse<byte[]> chunked = call("PUT", location + "?digest=" + claimed, new byte[0]);
        assertThat(chunked.statusCode()).isEqualTo(400);
        assertThat(errorCode(chunked)).isEqualTo("DIGEST_INVALID");
        assertThat(call("GET", location, new byte[0]).statusCode()).isEqualTo(404);

        for (String digest : List.of(claimed, RegistryClients.sha256(corrupted))) {
            HttpResponse<byte[]> head = call("HEAD", "/v2/proto/corrupt/blobs/" + digest, new byte[0]);
            assertThat(head.statusCode()).isEqualTo(404);
        }
        assertThat(ecr.batchCheckLayerAvailability(r -> r.repositoryName("proto/corrupt").layerDigests(claimed)).failures()).hasSize(1);
        String config = pushBlob("proto/corrupt", "{}".getBytes());
        HttpResponse<byte[]> dangling = call("PUT", "/v2/proto/corrupt/manifests/v1",
                manifest(config, 2, claimed, content.length, "").getBytes(), "Content-Type", OCI_MANIFEST);
        assertThat(dangling.statusCode()).isEqualTo(400);
        assertThat(errorCode(dangling)).isEqualTo("MANIFEST_BLOB_UNKNOWN");
        assertThat(ecr.listImages(r -> r.repositoryName("proto/corrupt")).imageIds()).isEmpty();
    }

    @Test
    void unauthenticatedAndOtherAccountsAreRefused(Berth berth) throws Exception {
        ecr.createRepository(r -> r.repositoryName("proto/private"));
        String layer = pushBlob("proto/private", "layer".getBytes());
        HttpResponse<byte[]> anonymous = clients.request("GET", "/v2/", Map.of(), new byte[0]);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Basic realm=");
        assertThat(errorCode(anonymous)).isEqualTo("UNAUTHORIZED");
        assertThat(clients.request("GET", "/v2/proto/private/blobs/" + layer, Map.of("Authorization", RegistryClients.basic("forged.token")),
                new byte[0]).statusCode()).isEqualTo(401);
        assertThat(clients.request("GET", "/v2/proto/private/blobs/" + layer, Map.of("Authorization", "Basic " + java.util.Base64
                .getEncoder().encodeToString("AWS:".getBytes())), new byte[0]).statusCode()).isEqualTo(401);

        String other = RegistryClients.basic(clients.loginPassword("111111111111"));
        HttpResponse<byte[]> ownRegistry = clients.request("HEAD", "/v2/proto/private/blobs/" + layer, Map.of("Authorization", other), new byte[0]);
        assertThat(ownRegistry.statusCode()).as("account 111111111111 has no such repository").isEqualTo(404);

        RawHttp raw = new RawHttp(endpoint);
        String aHost = berth.accountId() + ".dkr.ecr.us-east-1.localhost:" + endpoint.getPort();
        RawHttp.Answer denied = raw.send("GET", "/v2/proto/private/blobs/" + layer, Map.of("Host", aHost, "Authorization", other), new byte[0]);
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.body()).contains("DENIED");
        RawHttp.Answer owner = raw.send("GET", "/v2/proto/private/blobs/" + layer, Map.of("Host", aHost, "Authorization", auth), new byte[0]);
        assertThat(owner.status()).isEqualTo(200);
        assertThat(owner.body()).isEqualTo("layer");

        ecr.setRepositoryPolicy(r -> r.repositoryName("proto/private").policyText("{\"Version\":\"2012-10-17\",\"Statement\":[{"
                + "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::111111111111:root\"},"
                + "\"Action\":[\"ecr:GetDownloadUrlForLayer\",\"ecr:BatchGetImage\",\"ecr:BatchCheckLayerAvailability\"]}]}"));
        RawHttp.Answer allowed = raw.send("GET", "/v2/proto/private/blobs/" + layer, Map.of("Host", aHost, "Authorization", other), new byte[0]);
        assertThat(allowed.status()).isEqualTo(200);
        RawHttp.Answer push = raw.send("POST", "/v2/proto/private/blobs/uploads/", Map.of("Host", aHost, "Authorization", other), new byte[0]);
        assertThat(push.status()).isEqualTo(403);

        try (EcrClient west = EcrClient.builder().endpointOverride(endpoint).region(Region.US_WEST_2)
                .credentialsProvider(berth.credentials()).httpClient(UrlConnectionHttpClient.create()).build()) {
            String westToken = new String(java.util.Base64.getDecoder().decode(west.getAuthorizationToken()
                    .authorizationData().get(0).authorizationToken())).substring(4);
            RawHttp.Answer otherRegion = raw.send("GET", "/v2/proto/private/blobs/" + layer,
                    Map.of("Host", aHost, "Authorization", RegistryClients.basic(westToken)), new byte[0]);
            assertThat(otherRegion.status()).isEqualTo(403);
            assertThat(clients.request("HEAD", "/v2/proto/private/blobs/" + layer, Map.of("Authorization", RegistryClients.basic(westToken)),
                    new byte[0]).statusCode()).as("us-west-2 has no such repository").isEqualTo(404);
        }
    }

    @Test
    void badInputGetsTheSpecsClientErrorsNeverAServerError() throws Exception {
        ecr.createRepository(r -> r.repositoryName("proto/bad"));
        String config = pushBlob("proto/bad", "{}".getBytes());
        String layer = pushBlob("proto/bad", "data".getBytes());
        String good = manifest(config, 2, layer, 4, "");
        String upload = call("POST", "/v2/proto/bad/blobs/uploads/", new byte[0]).headers().firstValue("Location").orElseThrow();
        /** status 0: any client error. */
        record Case(String method, String path, String body, String contentType, int status, String code) {}
        List<Case> cases = List.of(
                new Case("GET", "/v2/proto/bad/blobs/sha256:abc", "", "", 400, "DIGEST_INVALID"),
                new Case("GET", "/v2/proto/bad/blobs/md5:0123", "", "", 400, "DIGEST_INVALID"),
                new Case("HEAD", "/v2/proto/bad/blobs/sha256:" + "0".repeat(64), "", "", 404, ""),
                new Case("GET", "/v2/proto/bad/blobs/sha256:" + "0".repeat(64), "", "", 404, "BLOB_UNKNOWN"),
                new Case("GET", "/v2/proto/missing/blobs/sha256:" + "0".repeat(64), "", "", 404, "NAME_UNKNOWN"),
                new Case("GET", "/v2/Proto/Bad/manifests/latest", "", "", 400, "NAME_INVALID"),
                new Case("GET", "/v2/proto/bad/manifests/nope", "", "", 404, "MANIFEST_UNKNOWN"),
                new Case("GET", "/v2/proto/bad/manifests/sha256:zz", "", "", 400, "DIGEST_INVALID"),
                new Case("PUT", "/v2/proto/bad/manifests/v1", "garbage", OCI_MANIFEST, 400, "MANIFEST_INVALID"),
                new Case("PUT", "/v2/proto/bad/manifests/v1", "{}", OCI_MANIFEST, 400, "MANIFEST_INVALID"),
                new Case("PUT", "/v2/proto/bad/manifests/v1", "{\"schemaVersion\":1,\"fsLayers\":[]}", "", 415, "UNSUPPORTED"),
                new Case("PUT", "/v2/proto/bad/manifests/v1", good.replace("\"size\":4", "\"size\":5"), OCI_MANIFEST, 400, "MANIFEST_INVALID"),
                new Case("PUT", "/v2/proto/bad/manifests/v1", good.replace(layer, "sha256:" + "1".repeat(64)), OCI_MANIFEST, 400, "MANIFEST_BLOB_UNKNOWN"),
                new Case("PUT", "/v2/proto/bad/manifests/v1", good, "application/vnd.docker.distribution.manifest.v2+json", 400, "MANIFEST_INVALID"),
                new Case("PUT", "/v2/proto/bad/manifests/sha256:" + "2".repeat(64), good, OCI_MANIFEST, 400, "DIGEST_INVALID"),
                new Case("PUT", "/v2/proto/bad/manifests/bad:tag", good, OCI_MANIFEST, 400, "DIGEST_INVALID"),
                new Case("PUT", "/v2/proto/bad/manifests/-tag", good, OCI_MANIFEST, 400, "TAG_INVALID"),
                new Case("PUT", "/v2/proto/missing/manifests/v1", good, OCI_MANIFEST, 404, "NAME_UNKNOWN"),
                new Case("PUT", upload + "?digest=sha256:short", "", "", 400, "DIGEST_INVALID"),
                new Case("PUT", upload, "", "", 400, "DIGEST_INVALID"),
                new Case("PATCH", upload, "x", "", 416, "BLOB_UPLOAD_INVALID"),
                new Case("PATCH", "/v2/proto/bad/blobs/uploads/00000000-0000-0000-0000-000000000000", "x", "", 404, "BLOB_UPLOAD_UNKNOWN"),
                new Case("GET", "/v2/proto/bad/blobs/uploads/%2e%2e%2fetc", "", "", 0, ""),
                new Case("POST", "/v2/proto/missing/blobs/uploads/", "", "", 404, "NAME_UNKNOWN"),
                new Case("POST", "/v2/proto/bad/blobs/uploads/?mount=sha256:bad&from=proto/x", "", "", 400, "DIGEST_INVALID"),
                new Case("GET", "/v2/proto/bad/tags/list?n=-1", "", "", 400, "PAGINATION_NUMBER_INVALID"),
                new Case("GET", "/v2/proto/bad/referrers/notadigest", "", "", 400, "DIGEST_INVALID"),
                new Case("DELETE", "/v2/proto/bad/manifests/sha256:" + "3".repeat(64), "", "", 404, "MANIFEST_UNKNOWN"),
                new Case("POST", "/v2/proto/bad/manifests/v1", good, OCI_MANIFEST, 405, "UNSUPPORTED"),
                new Case("GET", "/v2/proto/bad/nothing-here", "", "", 404, ""));
        for (Case c : cases) {
            String[] headers = c.contentType().isEmpty() ? (c.method().equals("PATCH") && c.path().equals(upload)
                    ? new String[] {"Content-Range", "5-5"} : new String[0]) : new String[] {"Content-Type", c.contentType()};
            HttpResponse<byte[]> response = call(c.method(), c.path(), c.body().getBytes(), headers);
            if (c.status() == 0) {
                assertThat(response.statusCode()).as(c.toString()).isBetween(400, 499);
            } else {
                assertThat(response.statusCode()).as(c.toString()).isEqualTo(c.status());
            }
            if (!c.code().isEmpty()) assertThat(errorCode(response)).as(c.toString()).isEqualTo(c.code());
        }
        byte[] huge = new byte[5 * 1024 * 1024];
        Arrays.fill(huge, (byte) ' ');
        assertThat(call("PUT", "/v2/proto/bad/manifests/big", huge, "Content-Type", OCI_MANIFEST).statusCode()).isEqualTo(413);
        assertThat(ecr.listImages(r -> r.repositoryName("proto/bad")).imageIds()).isEmpty();
    }

    @Test
    void tagsCatalogReferrersMountsAndDownloadUrls() throws Exception {
        ecr.createRepository(r -> r.repositoryName("proto/list"));
        String config = pushBlob("proto/list", "{}".getBytes());
        String layer = pushBlob("proto/list", "content".getBytes());
        String body = manifest(config, 2, layer, 7, "");
        String subject = RegistryClients.sha256(body.getBytes());
        for (String tag : List.of("a", "b", "c", "d", "e")) {
            assertThat(call("PUT", "/v2/proto/list/manifests/" + tag, body.getBytes(), "Content-Type", OCI_MANIFEST).statusCode()).isEqualTo(201);
        }
        HttpResponse<byte[]> page = call("GET", "/v2/proto/list/tags/list?n=2&last=a", new byte[0]);
        assertThat(new String(page.body())).isEqualTo("{\"name\":\"proto/list\",\"tags\":[\"b\",\"c\"]}");
        assertThat(page.headers().firstValue("Link")).contains("</v2/proto/list/tags/list?last=c&n=2>; rel=\"next\"");
        assertThat(new String(call("GET", "/v2/proto/list/tags/list?n=2&last=d", new byte[0]).body())).contains("[\"e\"]");
        assertThat(new String(call("GET", "/v2/_catalog", new byte[0]).body())).contains("\"proto/list\"");

        String sbom = manifest(config, 2, layer, 7, ",\"artifactType\":\"application/vnd.example.sbom\",\"subject\":{\"mediaType\":\""
                + OCI_MANIFEST + "\",\"digest\":\"" + subject + "\",\"size\":" + body.length() + "}");
        HttpResponse<byte[]> referrer = call("PUT", "/v2/proto/list/manifests/" + RegistryClients.sha256(sbom.getBytes()),
                sbom.getBytes(), "Content-Type", OCI_MANIFEST);
        assertThat(referrer.statusCode()).isEqualTo(201);
        assertThat(referrer.headers().firstValue("OCI-Subject")).contains(subject);
        String referrers = new String(call("GET", "/v2/proto/list/referrers/" + subject, new byte[0]).body());
        assertThat(referrers).contains(RegistryClients.sha256(sbom.getBytes())).contains("application/vnd.example.sbom");
        HttpResponse<byte[]> filtered = call("GET", "/v2/proto/list/referrers/" + subject + "?artifactType=application/other", new byte[0]);
        assertThat(filtered.headers().firstValue("OCI-Filters-Applied")).contains("artifactType");
        assertThat(new String(filtered.body())).contains("\"manifests\":[]");

        ecr.createRepository(r -> r.repositoryName("proto/mounted"));
        HttpResponse<byte[]> mounted = call("POST", "/v2/proto/mounted/blobs/uploads/?mount=" + layer + "&from=proto/list", new byte[0]);
        assertThat(mounted.statusCode()).isEqualTo(201);
        assertThat(call("HEAD", "/v2/proto/mounted/blobs/" + layer, new byte[0]).statusCode()).isEqualTo(200);
        HttpResponse<byte[]> notMounted = call("POST", "/v2/proto/mounted/blobs/uploads/?mount=sha256:" + "9".repeat(64)
                + "&from=proto/list", new byte[0]);
        assertThat(notMounted.statusCode()).isEqualTo(202);

        String url = ecr.getDownloadUrlForLayer(r -> r.repositoryName("proto/list").layerDigest(layer)).downloadUrl();
        HttpResponse<byte[]> download = clients.http.send(java.net.http.HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(new String(download.body())).isEqualTo("content");
        HttpResponse<byte[]> tampered = clients.http.send(java.net.http.HttpRequest.newBuilder(URI.create(url.replace("proto/list", "proto/mounted")))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(tampered.statusCode()).isEqualTo(403);

        HttpResponse<byte[]> deleteTag = call("DELETE", "/v2/proto/list/manifests/e", new byte[0]);
        assertThat(deleteTag.statusCode()).isEqualTo(202);
        assertThat(call("GET", "/v2/proto/list/manifests/e", new byte[0]).statusCode()).isEqualTo(404);
        assertThat(call("GET", "/v2/proto/list/manifests/d", new byte[0]).statusCode()).isEqualTo(200);
    }
}
