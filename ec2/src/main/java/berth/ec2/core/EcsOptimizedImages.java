package berth.ec2.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ECS-optimized AMIs of a region (Amazon Linux 2, its 5.10 kernel variant, and Amazon Linux 2023,
 * each for x86_64 and arm64), with region-specific ids derived from their names, and the public SSM
 * parameters that recommend them: {@code .../recommended} (the JSON document) and its
 * {@code image_id}, {@code image_name}, {@code image_version}, {@code os}, {@code schema_version},
 * {@code ecs_agent_version} and {@code ecs_runtime_version}.
 */
public final class EcsOptimizedImages {
    private static final Instant BUILT = Instant.parse("2025-01-02T00:00:00Z");
    private static final String AL2_VERSION = "2.0.20250102";
    private static final String AL2023_VERSION = "2023.0.20250102";
    private static final String ROOT = "/aws/service/ecs/optimized-ami/";

    private EcsOptimizedImages() {}

    public static List<Image> of(String region) {
        List<Image> images = new ArrayList<>();
        for (String arch : List.of("x86_64", "arm64")) {
            String archPath = arch.equals("arm64") ? "arm64/" : "";
            images.add(image(region, "amzn2-ami-ecs-hvm-" + AL2_VERSION + "-" + arch + "-ebs",
                    "Amazon Linux AMI " + AL2_VERSION + " " + arch + " ECS HVM GP2", arch, "Amazon Linux 2", AL2_VERSION,
                    ROOT + "amazon-linux-2/" + archPath + "recommended", "amzn2-ami-minimal-hvm-2.0.20241217.0-" + arch + "-ebs"));
            images.add(image(region, "amzn2-ami-ecs-kernel-5.10-hvm-" + AL2_VERSION + "-" + arch + "-ebs",
                    "Amazon Linux AMI " + AL2_VERSION + " " + arch + " ECS HVM EBS", arch, "Amazon Linux 2", AL2_VERSION,
                    ROOT + "amazon-linux-2/kernel-5.10/" + archPath + "recommended",
                    "amzn2-ami-minimal-hvm-2.0.20241217.0-kernel-5.10-" + arch + "-ebs"));
            images.add(image(region, "al2023-ami-ecs-hvm-" + AL2023_VERSION + "-kernel-6.1-" + arch,
                    "Amazon Linux AMI 2023.0.20250102 " + arch + " ECS HVM EBS", arch, "Amazon Linux 2023", AL2023_VERSION,
                    ROOT + "amazon-linux-2023/" + archPath + "recommended",
                    "al2023-ami-minimal-2023.6.20241212.0-kernel-6.1-" + arch));
        }
        return List.copyOf(images);
    }

    public static Optional<Image> find(String region, String imageId) {
        return of(region).stream().filter(i -> i.id().equals(imageId)).findFirst();
    }

    /** The public parameters of one image: its recommendation document and the document's fields, by name. */
    public static Map<String, String> parameters(Image image) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("ecs_agent_version", Image.ECS_AGENT_VERSION);
        fields.put("ecs_runtime_version", Image.DOCKER_VERSION);
        fields.put("image_id", image.id());
        fields.put("image_name", image.name());
        fields.put("image_version", image.version());
        fields.put("os", image.osName());
        fields.put("schema_version", "1");
        fields.put("source_image_name", image.sourceImageName());
        StringBuilder json = new StringBuilder("{");
        fields.forEach((key, value) -> {
            if (json.length() > 1) json.append(',');
            json.append('"').append(key).append("\":");
            if (key.equals("schema_version")) json.append(value); else json.append('"').append(value).append('"');
        });
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put(image.ssmPath(), json.append('}').toString());
        fields.forEach((key, value) -> parameters.put(image.ssmPath() + "/" + key, value));
        return parameters;
    }

    private static Image image(String region, String name, String description, String arch, String os, String version,
                               String ssmPath, String source) {
        return new Image(amiId(region, name), name, description, arch, os, version, BUILT, ssmPath, source);
    }

    /** {@code ami-} and 17 hex digits, the same for a name in a region on every berth. */
    static String amiId(String region, String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((region + "/" + name).getBytes(StandardCharsets.UTF_8));
            return "ami-" + HexFormat.of().formatHex(digest).substring(0, 17);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
