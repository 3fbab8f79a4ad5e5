package berth.e2e.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ecr.EcrClient;

/** Images pushed through the ECR API alone, as the AWS SDK does it: layer uploads in parts, then PutImage. */
final class EcrUploads {
    private EcrUploads() {}

    /** Uploads a layer through InitiateLayerUpload, UploadLayerPart (two parts) and CompleteLayerUpload; returns its digest. */
    static String upload(EcrClient ecr, String repo, byte[] content) throws Exception {
        String digest = RegistryClients.sha256(content);
        String id = ecr.initiateLayerUpload(r -> r.repositoryName(repo)).uploadId();
        int half = content.length / 2;
        ecr.uploadLayerPart(r -> r.repositoryName(repo).uploadId(id).partFirstByte(0L).partLastByte((long) half - 1)
                .layerPartBlob(SdkBytes.fromByteArray(Arrays.copyOf(content, half))));
        ecr.uploadLayerPart(r -> r.repositoryName(repo).uploadId(id).partFirstByte((long) half).partLastByte((long) content.length - 1)
                .layerPartBlob(SdkBytes.fromByteArray(Arrays.copyOfRange(content, half, content.length))));
        assertThat(ecr.completeLayerUpload(r -> r.repositoryName(repo).uploadId(id).layerDigests(digest)).layerDigest()).isEqualTo(digest);
        return digest;
    }

    /** An OCI image manifest naming a 2-byte config and one layer; {@code note} makes its digest unique. */
    static String manifest(String config, String layer, int layerSize, String note) {
        return "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"mediaType\":"
                + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + config + "\",\"size\":2},\"layers\":[{\"mediaType\":"
                + "\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"" + layer + "\",\"size\":" + layerSize + "}],"
                + "\"annotations\":{\"note\":\"" + note + "\"}}";
    }

    /** The layer's digest, uploaded first unless BatchCheckLayerAvailability finds it in the repository. */
    static String ensureLayer(EcrClient ecr, String repo, byte[] content) throws Exception {
        String digest = RegistryClients.sha256(content);
        boolean there = !ecr.batchCheckLayerAvailability(r -> r.repositoryName(repo).layerDigests(digest)).layers().isEmpty();
        return there ? digest : upload(ecr, repo, content);
    }

    /** Puts a config and a layer into {@code repo} and a manifest naming them with {@code tag}; returns its digest. */
    static String pushImage(EcrClient ecr, String repo, String tag, String note) throws Exception {
        byte[] layer = ("layer of " + note).getBytes();
        String layerDigest = ensureLayer(ecr, repo, layer);
        String config = ensureLayer(ecr, repo, "{}".getBytes());
        String body = manifest(config, layerDigest, layer.length, note);
        return ecr.putImage(r -> r.repositoryName(repo).imageTag(tag).imageManifest(body)).image().imageId().imageDigest();
    }
}
