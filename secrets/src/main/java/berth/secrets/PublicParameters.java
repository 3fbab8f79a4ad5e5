package berth.secrets;

import java.util.Objects;
import java.util.function.Function;

/**
 * The parameters AWS publishes under {@code /aws/service/} (the ECS-optimized AMI of a region, say):
 * every account reads them with GetParameter, GetParameters and GetParametersByPath, and none
 * writes them. The module that knows a value defines it; SSM answers it. Published by the secrets
 * module; look it up with {@code platform.lookup(PublicParameters.class)}.
 */
public interface PublicParameters {
    /** Where public parameters are; no other name is accepted by {@link #define}. */
    String NAMESPACE = "/aws/service/";

    /** Defines (or replaces) a public parameter. */
    void define(Definition parameter);

    /**
     * @param name {@code /aws/service/...}
     * @param dataType {@code text}, or {@code aws:ec2:image} for an AMI id
     * @param valueInRegion the value in a region, e.g. {@code us-east-1}
     */
    record Definition(String name, String dataType, Function<String, String> valueInRegion) {
        public Definition {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(dataType, "dataType");
            Objects.requireNonNull(valueInRegion, "valueInRegion");
            if (!name.startsWith(NAMESPACE) || name.endsWith("/")) {
                throw new IllegalArgumentException("a public parameter's name is " + NAMESPACE + "...: " + name);
            }
        }
    }
}
