package berth.aws.arn;

import java.util.Optional;

/**
 * An Amazon Resource Name: {@code arn:partition:service:region:account-id:resource}. The resource
 * part is split into type and name at its first {@code /} or {@code :}
 * ({@code cluster/default} → {@code cluster}, {@code default}; {@code task/c1/abc} → {@code task},
 * {@code c1/abc}); a resource without either separator has an empty type and is all name.
 *
 * @param region empty for global services (IAM)
 * @param accountId empty for resources outside any account (some AWS-managed policies)
 */
public record Arn(String partition, String service, String region, String accountId, String resource) {

    public Arn {
        require(partition, "partition");
        require(service, "service");
        require(resource, "resource");
        if (region == null || accountId == null) {
            throw new IllegalArgumentException("region and account id must not be null (use empty strings)");
        }
    }

    private static void require(String value, String name) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("ARN " + name + " must not be empty");
        }
    }

    /** An ARN in the {@code aws} partition with a resource of the form {@code type/name}. */
    public static Arn of(String service, String region, String accountId, String resourceType, String resourceName) {
        return new Arn("aws", service, region, accountId, resourceType + "/" + resourceName);
    }

    /** Parses an ARN; empty when the text is not one. */
    public static Optional<Arn> parse(String text) {
        if (text == null || !text.startsWith("arn:")) {
            return Optional.empty();
        }
        String[] parts = text.split(":", 6);
        if (parts.length != 6 || parts[1].isEmpty() || parts[2].isEmpty() || parts[5].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Arn(parts[1], parts[2], parts[3], parts[4], parts[5]));
    }

    /** The resource type: {@code cluster} of {@code cluster/default}; empty when the resource has no type. */
    public String resourceType() {
        int split = typeSeparator();
        return split < 0 ? "" : resource.substring(0, split);
    }

    /** The resource name after the type: {@code default} of {@code cluster/default}. */
    public String resourceName() {
        int split = typeSeparator();
        return split < 0 ? resource : resource.substring(split + 1);
    }

    private int typeSeparator() {
        int slash = resource.indexOf('/');
        int colon = resource.indexOf(':');
        if (slash < 0) {
            return colon;
        }
        return colon < 0 ? slash : Math.min(slash, colon);
    }

    /** The ARN text. */
    public String format() {
        return "arn:" + partition + ":" + service + ":" + region + ":" + accountId + ":" + resource;
    }

    @Override
    public String toString() {
        return format();
    }
}
