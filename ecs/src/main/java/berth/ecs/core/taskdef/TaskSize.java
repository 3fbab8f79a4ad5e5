package berth.ecs.core.taskdef;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Task-level CPU and memory as task definitions write them: CPU in units ({@code "1024"}) or vCPUs
 * ({@code "1 vCPU"}, {@code ".25 vcpu"}), memory in MiB ({@code "2048"}) or GB ({@code "2 GB"},
 * {@code "0.5GB"}); registration stores both as whole units. The Fargate table is AWS's list of
 * valid CPU and memory pairs for Linux tasks.
 */
public final class TaskSize {
    private static final Pattern CPU = Pattern.compile("\\s*(\\d*\\.?\\d+)\\s*(vcpu)?\\s*", Pattern.CASE_INSENSITIVE);
    private static final Pattern MEMORY = Pattern.compile("\\s*(\\d*\\.?\\d+)\\s*(gb)?\\s*", Pattern.CASE_INSENSITIVE);
    private static final BigDecimal UNITS_PER_VCPU = BigDecimal.valueOf(1024);
    private static final BigDecimal MIB_PER_GB = BigDecimal.valueOf(1024);

    /** EC2 tasks may reserve between 128 units (0.125 vCPU) and 196608 units (192 vCPUs). */
    public static final int MIN_EC2_CPU = 128;
    public static final int MAX_EC2_CPU = 196_608;

    private TaskSize() {}

    /** CPU units of a task-level {@code cpu} string; empty when it does not read as a whole number of units. */
    public static Optional<Integer> cpuUnits(String text) {
        return parse(CPU, text, UNITS_PER_VCPU);
    }

    /** MiB of a task-level {@code memory} string; empty when it does not read as a whole number of MiB. */
    public static Optional<Integer> memoryMiB(String text) {
        return parse(MEMORY, text, MIB_PER_GB);
    }

    private static Optional<Integer> parse(Pattern pattern, String text, BigDecimal unitFactor) {
        Matcher m = pattern.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        BigDecimal value = new BigDecimal(m.group(1));
        if (m.group(2) != null) {
            value = value.multiply(unitFactor);
        }
        try {
            int whole = value.stripTrailingZeros().intValueExact();
            return whole > 0 ? Optional.of(whole) : Optional.empty();
        } catch (ArithmeticException notWhole) {
            return Optional.empty();
        }
    }

    /** Whether Fargate has a Linux configuration of {@code cpuUnits} with {@code memoryMiB}. */
    public static boolean fargateSupports(int cpuUnits, int memoryMiB) {
        return switch (cpuUnits) {
            case 256 -> memoryMiB == 512 || memoryMiB == 1024 || memoryMiB == 2048;
            case 512 -> steps(memoryMiB, 1024, 4096, 1024);
            case 1024 -> steps(memoryMiB, 2048, 8192, 1024);
            case 2048 -> steps(memoryMiB, 4096, 16384, 1024);
            case 4096 -> steps(memoryMiB, 8192, 30720, 1024);
            case 8192 -> steps(memoryMiB, 16384, 61440, 4096);
            case 16384 -> steps(memoryMiB, 32768, 122880, 8192);
            default -> false;
        };
    }

    private static boolean steps(int value, int min, int max, int step) {
        return value >= min && value <= max && (value - min) % step == 0;
    }

}
