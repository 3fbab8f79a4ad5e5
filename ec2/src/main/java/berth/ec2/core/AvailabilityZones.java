package berth.ec2.core;

import java.util.List;
import java.util.Optional;

/**
 * The availability zones of a region: {@code REGIONa}, {@code REGIONb}, {@code REGIONc}, with zone ids
 * in AWS's form ({@code use1-az1} for us-east-1a). Every region berth accepts has the three.
 */
public final class AvailabilityZones {
    public static final List<String> LETTERS = List.of("a", "b", "c");

    private AvailabilityZones() {}

    /** A zone of a region. */
    public record Zone(String name, String id, String region) {}

    public static List<Zone> of(String region) {
        String prefix = idPrefix(region);
        return java.util.stream.IntStream.range(0, LETTERS.size())
                .mapToObj(i -> new Zone(region + LETTERS.get(i), prefix + "-az" + (i + 1), region)).toList();
    }

    public static Optional<Zone> find(String region, String nameOrId) {
        return of(region).stream().filter(z -> z.name().equals(nameOrId) || z.id().equals(nameOrId)).findFirst();
    }

    /** {@code us-east-1} → {@code use1}, {@code ap-southeast-2} → {@code apse2}, {@code eu-central-1} → {@code euc1}. */
    static String idPrefix(String region) {
        String[] parts = region.split("-");
        if (parts.length < 3) return region.replace("-", "");
        StringBuilder id = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length - 1; i++) {
            id.append(switch (parts[i]) {
                case "east" -> "e";
                case "west" -> "w";
                case "north" -> "n";
                case "south" -> "s";
                case "central" -> "c";
                case "northeast" -> "ne";
                case "northwest" -> "nw";
                case "southeast" -> "se";
                case "southwest" -> "sw";
                default -> parts[i];
            });
        }
        return id.append(parts[parts.length - 1]).toString();
    }
}
