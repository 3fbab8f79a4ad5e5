package berth.agent.docker;

import berth.agent.runtime.ImageRef;
import berth.agent.runtime.Tarball;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * An image archive in the form {@code docker save} writes and {@code docker load} reads: one layer
 * (the given root filesystem tar), its config and a manifest naming the image's tag.
 */
final class ImageArchive {

    private ImageArchive() {}

    static byte[] of(ImageRef image, byte[] layer) throws IOException {
        String diffId = "sha256:" + sha256(layer);
        String architecture = switch (System.getProperty("os.arch", "amd64")) {
            case "aarch64", "arm64" -> "arm64";
            default -> "amd64";
        };
        byte[] config = ("{\"architecture\":\"" + architecture + "\",\"os\":\"linux\",\"config\":{},"
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + diffId + "\"]},\"history\":[]}")
                .getBytes(StandardCharsets.UTF_8);
        String configName = sha256(config) + ".json";
        byte[] manifest = ("[{\"Config\":\"" + configName + "\",\"RepoTags\":[\"" + image.repository() + ":"
                + image.tag() + "\"],\"Layers\":[\"layer/layer.tar\"]}]").getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(layer.length + 8192);
        Tarball.entry(out, "layer/", 040755, new byte[0], '5');
        Tarball.entry(out, "layer/layer.tar", 0100644, layer, '0');
        Tarball.entry(out, configName, 0100644, config, '0');
        Tarball.entry(out, "manifest.json", 0100644, manifest, '0');
        Tarball.end(out);
        return out.toByteArray();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
