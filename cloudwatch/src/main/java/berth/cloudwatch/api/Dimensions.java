package berth.cloudwatch.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.DimensionFilter;

/** Dimensions between the wire's lists and the core's maps. */
final class Dimensions {
    private Dimensions() {}

    static Map<String, String> of(List<Dimension> dimensions, String parameter) {
        Map<String, String> map = new LinkedHashMap<>();
        if (dimensions.size() > 30) {
            throw CloudWatchErrors.INVALID_PARAMETER_VALUE.exception("The collection " + parameter
                    + " must not have a size greater than 30.");
        }
        for (Dimension d : dimensions) {
            if (d.name() == null || d.value() == null) {
                throw CloudWatchErrors.MISSING_PARAMETER.exception("The parameter " + parameter
                        + ".member.Name and Value are required.");
            }
            if (map.put(d.name(), d.value()) != null) {
                throw CloudWatchErrors.INVALID_PARAMETER_VALUE.exception("No Metric may specify the same dimension name twice.");
            }
        }
        return map;
    }

    static Map<String, String> filter(List<DimensionFilter> filters) {
        Map<String, String> map = new LinkedHashMap<>();
        filters.forEach(f -> map.put(f.name(), f.value()));
        return map;
    }

    static List<Dimension> toSdk(Map<String, String> dimensions) {
        List<Dimension> list = new ArrayList<>();
        dimensions.forEach((k, v) -> list.add(Dimension.builder().name(k).value(v).build()));
        return list;
    }
}
