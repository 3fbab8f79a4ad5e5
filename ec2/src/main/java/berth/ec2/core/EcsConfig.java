package berth.ec2.core;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * What an ECS-optimized AMI's agent reads from {@code /etc/ecs/ecs.config}, as an instance's user
 * data writes it: {@code echo ECS_CLUSTER=name >> /etc/ecs/ecs.config}, its quoted forms, a heredoc,
 * cloud-config {@code write_files} content, plain or gzip-compressed. berth runs no user data script;
 * it reads every {@code ECS_...=value} assignment in the text, the last one of a key winning (as in
 * an env file appended to). Without {@code ECS_CLUSTER} the instance joins {@code default}.
 *
 * @param instanceAttributes {@code ECS_INSTANCE_ATTRIBUTES}, a JSON object of strings
 * @param cleanupWaitSeconds {@code ECS_ENGINE_TASK_CLEANUP_WAIT_DURATION} (a Go duration such as {@code 1h30m}); 0 for the default
 * @param reservedMemoryMiB  {@code ECS_RESERVED_MEMORY}: memory not registered with ECS
 */
public record EcsConfig(String cluster, Map<String, String> instanceAttributes, long cleanupWaitSeconds,
                        long reservedMemoryMiB) {
    public static final String DEFAULT_CLUSTER = "default";
    private static final Pattern ASSIGNMENT = Pattern.compile(
            "(?:^|[\\s\"'])(ECS_[A-Z0-9_]+)=(?:(\\{[^\\n]*?\\})|\"([^\"]*)\"|'([^']*)'|([^\\s\"'<>;|&]*))", Pattern.MULTILINE);
    private static final Pattern ATTRIBUTE = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern GO_DURATION = Pattern.compile("(\\d+)(h|ms|m|s)");

    public EcsConfig {
        instanceAttributes = Map.copyOf(instanceAttributes);
    }

    /** The decoded text of base64 user data, gunzipped when compressed; empty when it is not base64. */
    public static Optional<String> decode(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (bytes.length > 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                bytes = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("unreadable gzip user data", e);
            }
        }
        return Optional.of(new String(bytes, StandardCharsets.UTF_8));
    }

    /** The agent configuration user data text writes. */
    public static EcsConfig parse(String userData) {
        Map<String, String> values = new LinkedHashMap<>();
        Matcher m = ASSIGNMENT.matcher(userData);
        while (m.find()) {
            String value = m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3)
                    : m.group(4) != null ? m.group(4) : m.group(5);
            values.put(m.group(1), value);
        }
        String cluster = values.getOrDefault("ECS_CLUSTER", "");
        Map<String, String> attributes = new LinkedHashMap<>();
        Matcher a = ATTRIBUTE.matcher(values.getOrDefault("ECS_INSTANCE_ATTRIBUTES", ""));
        while (a.find()) {
            attributes.put(a.group(1), a.group(2));
        }
        return new EcsConfig(cluster.isEmpty() ? DEFAULT_CLUSTER : cluster, attributes,
                seconds(values.getOrDefault("ECS_ENGINE_TASK_CLEANUP_WAIT_DURATION", "")),
                number(values.getOrDefault("ECS_RESERVED_MEMORY", "")));
    }

    /** The configuration of base64 user data; undecodable or no user data configures the defaults. */
    public static EcsConfig ofUserData(String base64) {
        return parse(base64.isEmpty() ? "" : decode(base64).orElse(""));
    }

    private static long seconds(String goDuration) {
        Matcher m = GO_DURATION.matcher(goDuration);
        long millis = 0;
        int matched = 0;
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            millis += switch (m.group(2)) {
                case "h" -> n * 3_600_000;
                case "m" -> n * 60_000;
                case "s" -> n * 1000;
                default -> n;
            };
            matched += m.group().length();
        }
        return matched == goDuration.length() ? millis / 1000 : 0;
    }

    private static long number(String text) {
        try {
            return text.isEmpty() ? 0 : Math.max(0, Long.parseLong(text));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
