package berth.registry.core;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a manifest body (Docker v2 schema 2, Docker manifest list, OCI image manifest, OCI image
 * index) and checks what the distribution spec and the image spec require of its shape. Whether the
 * blobs and manifests it names exist is the caller's question.
 */
public final class ManifestParser {
    /** The largest manifest accepted, as the distribution spec suggests. */
    public static final int MAX_BYTES = 4 * 1024 * 1024;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final Pattern MEDIA_TYPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}");
    /** Content types that say nothing about which manifest a body is. */
    private static final Set<String> GENERIC = Set.of("", "application/json", "application/octet-stream", "*/*");

    private ManifestParser() {}

    /**
     * @param declaredType the media type the client sent with the body (Content-Type, or ECR's
     *     {@code imageManifestMediaType}); empty when none
     */
    public static Manifest parse(byte[] body, String declaredType) {
        if (body.length == 0) throw ManifestException.invalid("the manifest is empty");
        if (body.length > MAX_BYTES) throw ManifestException.invalid("the manifest is larger than " + MAX_BYTES + " bytes");
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw ManifestException.invalid("the manifest is not valid JSON");
        }
        if (root == null || !root.isObject()) throw ManifestException.invalid("the manifest is not a JSON object");
        JsonNode version = root.get("schemaVersion");
        if (version != null && version.isIntegralNumber() && version.asInt() == 1) {
            throw new ManifestException(ManifestException.Reason.UNSUPPORTED, "schema 1 manifests are not supported");
        }
        if (version == null || !version.isIntegralNumber() || version.asLong() != 2) {
            throw ManifestException.invalid("schemaVersion must be 2");
        }
        String mediaType = mediaType(root, MediaTypes.essence(declaredType));
        String artifactType = optionalText(root, "artifactType");
        if (!artifactType.isEmpty() && !MEDIA_TYPE.matcher(artifactType).matches()) {
            throw ManifestException.invalid("artifactType is not a media type");
        }
        Map<String, String> annotations = annotations(root.get("annotations"), "annotations");
        String subject = root.has("subject") ? descriptor(root.get("subject"), "subject").digest().toString() : "";
        if (MediaTypes.isIndex(mediaType)) {
            List<Descriptor> entries = descriptors(root.get("manifests"), "manifests");
            for (Descriptor entry : entries) {
                if (!MediaTypes.ALL.contains(entry.mediaType())) {
                    throw ManifestException.invalid("index entry " + entry.digest() + " is not a manifest (" + entry.mediaType() + ")");
                }
            }
            return new Manifest(mediaType, artifactType, List.of(), List.of(), entries, subject, annotations);
        }
        if (!root.has("config")) throw ManifestException.invalid("an image manifest needs a config");
        Descriptor config = descriptor(root.get("config"), "config");
        List<Descriptor> layers = descriptors(root.get("layers"), "layers");
        if (mediaType.equals(MediaTypes.DOCKER_MANIFEST) && layers.isEmpty()) {
            throw ManifestException.invalid("a Docker image manifest needs at least one layer");
        }
        String effectiveArtifact = artifactType.isEmpty() ? config.mediaType() : artifactType;
        return new Manifest(mediaType, effectiveArtifact, List.of(config), layers, List.of(), subject, annotations);
    }

    private static String mediaType(JsonNode root, String declared) {
        String own = optionalText(root, "mediaType");
        if (!own.isEmpty() && !GENERIC.contains(declared) && !declared.equals(own)) {
            throw ManifestException.invalid("the manifest's mediaType " + own + " differs from the declared " + declared);
        }
        String effective = !own.isEmpty() ? own : !GENERIC.contains(declared) ? declared
                : root.has("manifests") ? MediaTypes.OCI_INDEX : MediaTypes.OCI_MANIFEST;
        if (effective.equals(MediaTypes.DOCKER_SCHEMA1) || effective.equals(MediaTypes.DOCKER_SCHEMA1_SIGNED)) {
            throw new ManifestException(ManifestException.Reason.UNSUPPORTED, "schema 1 manifests are not supported");
        }
        if (!MediaTypes.ALL.contains(effective)) {
            throw ManifestException.invalid("unknown manifest media type " + effective);
        }
        if (own.isEmpty() && effective.startsWith("application/vnd.docker.")) {
            throw ManifestException.invalid("a Docker manifest must name its mediaType");
        }
        if (MediaTypes.isIndex(effective) && root.has("config")) {
            throw ManifestException.invalid("an index must not have a config");
        }
        if (!MediaTypes.isIndex(effective) && root.has("manifests")) {
            throw ManifestException.invalid("an image manifest must not list manifests");
        }
        return effective;
    }

    private static List<Descriptor> descriptors(JsonNode array, String field) {
        if (array == null || !array.isArray()) throw ManifestException.invalid(field + " must be an array");
        List<Descriptor> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) out.add(descriptor(array.get(i), field + "[" + i + "]"));
        return out;
    }

    private static Descriptor descriptor(JsonNode node, String where) {
        if (node == null || !node.isObject()) throw ManifestException.invalid(where + " must be a descriptor object");
        String mediaType = optionalText(node, "mediaType");
        if (!MEDIA_TYPE.matcher(mediaType).matches()) throw ManifestException.invalid(where + ".mediaType is not a media type");
        String digestText = optionalText(node, "digest");
        Digest digest = Digest.parse(digestText)
                .orElseThrow(() -> ManifestException.invalid(where + ".digest is not a supported digest: " + digestText));
        JsonNode size = node.get("size");
        if (size == null || !size.isIntegralNumber() || !size.canConvertToLong() || size.asLong() < 0) {
            throw ManifestException.invalid(where + ".size must be a non-negative integer");
        }
        Descriptor.Platform platform = Descriptor.Platform.UNSPECIFIED;
        JsonNode p = node.get("platform");
        if (p != null) {
            if (!p.isObject()) throw ManifestException.invalid(where + ".platform must be an object");
            platform = new Descriptor.Platform(optionalText(p, "os"), optionalText(p, "architecture"), optionalText(p, "variant"));
        }
        return new Descriptor(mediaType, digest, size.asLong(), optionalText(node, "artifactType"),
                annotations(node.get("annotations"), where + ".annotations"), platform);
    }

    private static Map<String, String> annotations(JsonNode node, String where) {
        if (node == null || node.isNull()) return Map.of();
        if (!node.isObject()) throw ManifestException.invalid(where + " must be an object of strings");
        Map<String, String> out = new LinkedHashMap<>();
        var fields = node.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            if (!field.getValue().isTextual()) throw ManifestException.invalid(where + " must be an object of strings");
            out.put(field.getKey(), field.getValue().asText());
        }
        return out;
    }

    private static String optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) return "";
        if (!value.isTextual()) throw ManifestException.invalid(field + " must be a string");
        return value.asText();
    }
}
