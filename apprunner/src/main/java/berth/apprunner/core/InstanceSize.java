package berth.apprunner.core;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * App Runner's instance sizes: CPU in units (1024 to a vCPU) and memory in MiB, written either way
 * ({@code "1 vCPU"} or {@code "1024"}, {@code "2 GB"} or {@code "2048"}), in the combinations App
 * Runner offers (each is also a Fargate size, which is what the instance runs as).
 */
public final class InstanceSize {
    private InstanceSize() {}

    private static final Map<Integer, Set<Integer>> COMBINATIONS = Map.of(
            256, Set.of(512, 1024), 512, Set.of(1024), 1024, Set.of(2048, 3072, 4096), 2048, Set.of(4096),
            4096, Set.of(8192, 10240, 12288));

    /** CPU units of {@code "0.25 vCPU"}, {@code "1 vCPU"}, {@code "1024"}; empty when it is none of App Runner's. */
    public static Optional<Integer> cpu(String text) {
        return parse(text, "vCPU", 1024).filter(COMBINATIONS::containsKey);
    }

    /** MiB of {@code "2 GB"} or {@code "2048"}; empty when it is not a number of App Runner's form. */
    public static Optional<Integer> memory(String text) {
        return parse(text, "GB", 1024);
    }

    public static boolean offered(int cpu, int memory) {
        return COMBINATIONS.getOrDefault(cpu, Set.of()).contains(memory);
    }

    private static Optional<Integer> parse(String text, String unit, int perUnit) {
        String t = text.strip();
        try {
            if (t.endsWith(unit)) {
                double units = Double.parseDouble(t.substring(0, t.length() - unit.length()).strip());
                return Optional.of((int) Math.round(units * perUnit));
            }
            return Optional.of(Integer.parseInt(t));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
