package berth.ec2.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The instance types berth launches, with AWS's vCPU counts and memory sizes for common families.
 * An instance registers as a container instance of {@code vCPUs × 1024} CPU units and the type's memory.
 */
public final class InstanceTypes {

    /**
     * @param burstable T families (CPU credits)
     * @param hypervisor {@code nitro} or {@code xen}
     */
    public record Type(String name, int vcpus, long memoryMiB, String architecture, boolean burstable, String hypervisor,
                       boolean freeTierEligible, double clockSpeedGhz) {
        public int cpuUnits() {
            return vcpus * 1024;
        }

        public String family() {
            return name.substring(0, name.indexOf('.'));
        }
    }

    private static final Map<String, Type> TYPES = new LinkedHashMap<>();

    static {
        String[] small = {"nano", "micro", "small", "medium", "large", "xlarge", "2xlarge"};
        double[] burstMemory = {0.5, 1, 2, 4, 8, 16, 32};
        int[] t2Cpus = {1, 1, 1, 2, 2, 4, 8};
        int[] t3Cpus = {2, 2, 2, 2, 2, 4, 8};
        for (int i = 0; i < small.length; i++) {
            add("t2." + small[i], t2Cpus[i], burstMemory[i], "x86_64", true, "xen", 2.3);
            add("t3." + small[i], t3Cpus[i], burstMemory[i], "x86_64", true, "nitro", 2.5);
            add("t3a." + small[i], t3Cpus[i], burstMemory[i], "x86_64", true, "nitro", 2.2);
            add("t4g." + small[i], t3Cpus[i], burstMemory[i], "arm64", true, "nitro", 2.5);
        }
        String[] sizes = {"large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge"};
        int[] cpus = {2, 4, 8, 16, 32, 48, 64, 96};
        for (int i = 0; i < sizes.length; i++) {
            for (String family : List.of("m5", "m5a", "m6i", "m6a", "m7i")) {
                add(family + "." + sizes[i], cpus[i], cpus[i] * 4, "x86_64", false, "nitro", 3.1);
            }
            for (String family : List.of("c6i", "c7i")) {
                add(family + "." + sizes[i], cpus[i], cpus[i] * 2, "x86_64", false, "nitro", 3.5);
            }
            for (String family : List.of("r5", "r6i", "r7i")) {
                add(family + "." + sizes[i], cpus[i], cpus[i] * 8, "x86_64", false, "nitro", 3.1);
            }
        }
        String[] c5 = {"large", "xlarge", "2xlarge", "4xlarge", "9xlarge", "12xlarge", "18xlarge", "24xlarge"};
        int[] c5Cpus = {2, 4, 8, 16, 36, 48, 72, 96};
        for (int i = 0; i < c5.length; i++) {
            add("c5." + c5[i], c5Cpus[i], c5Cpus[i] * 2, "x86_64", false, "nitro", 3.4);
        }
        String[] graviton = {"medium", "large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"};
        int[] gravitonCpus = {1, 2, 4, 8, 16, 32, 48, 64};
        for (int i = 0; i < graviton.length; i++) {
            for (String family : List.of("m6g", "m7g")) {
                add(family + "." + graviton[i], gravitonCpus[i], gravitonCpus[i] * 4, "arm64", false, "nitro", 2.5);
            }
            for (String family : List.of("c6g", "c7g")) {
                add(family + "." + graviton[i], gravitonCpus[i], gravitonCpus[i] * 2, "arm64", false, "nitro", 2.5);
            }
            add("r6g." + graviton[i], gravitonCpus[i], gravitonCpus[i] * 8, "arm64", false, "nitro", 2.5);
        }
    }

    private InstanceTypes() {}

    private static void add(String name, int vcpus, double memoryGiB, String architecture, boolean burstable,
                            String hypervisor, double clock) {
        boolean freeTier = name.equals("t2.micro") || name.equals("t3.micro");
        TYPES.put(name, new Type(name, vcpus, Math.round(memoryGiB * 1024), architecture, burstable, hypervisor, freeTier, clock));
    }

    public static Optional<Type> find(String name) {
        return Optional.ofNullable(TYPES.get(name));
    }

    /** Every type, by family and then size. */
    public static List<Type> all() {
        List<Type> all = new ArrayList<>(TYPES.values());
        all.sort(Comparator.comparing(Type::family).thenComparingInt(Type::vcpus).thenComparingLong(Type::memoryMiB));
        return List.copyOf(all);
    }
}
