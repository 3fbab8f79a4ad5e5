package berth.ec2.api;

import berth.aws.paging.Page;
import berth.ec2.core.Ec2Errors;
import berth.ec2.core.Filters;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import software.amazon.awssdk.services.ec2.model.Filter;

/** How EC2's describe operations read their filters, ids and pages. */
final class Requests {
    private Requests() {}

    static List<Filters.Spec> specs(List<Filter> filters) {
        return filters.stream().map(f -> new Filters.Spec(f.name() == null ? "" : f.name(), f.values())).toList();
    }

    /**
     * The resources that pass the filters and, when ids are given, have one of them; an id given that
     * names no resource is refused with {@code notFound}.
     */
    static <T> List<T> select(Collection<T> all, Function<T, String> idOf, List<String> ids, Predicate<T> filter,
                              Function<String, RuntimeException> notFound) {
        for (String id : ids) {
            if (all.stream().noneMatch(r -> idOf.apply(r).equals(id))) throw notFound.apply(id);
        }
        return all.stream().filter(r -> ids.isEmpty() || ids.contains(idOf.apply(r))).filter(filter)
                .sorted(Comparator.comparing(idOf)).toList();
    }

    /** One page of sorted resources: all of them when no MaxResults is given, as EC2 does. */
    static <T> Page<T> page(List<T> sorted, String nextToken, Integer maxResults, int maxMax, Function<T, String> keyOf) {
        if (maxResults != null && (maxResults < 5 || maxResults > maxMax)) {
            throw Ec2Errors.INVALID_PARAMETER_VALUE.exception("Value ( " + maxResults + " ) for parameter maxResults is"
                    + " invalid. Expecting a value between 5 and " + maxMax + ".");
        }
        int size = maxResults == null ? Math.max(1, sorted.size()) : maxResults;
        return Page.of(sorted, nextToken, size, size, Math.max(size, maxMax), keyOf);
    }

    static boolean isTrue(Boolean value) {
        return Boolean.TRUE.equals(value);
    }
}
