package berth.ec2.core;

import berth.aws.text.Wildcard;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * EC2's describe filters over one kind of resource: a resource matches when every filter has a value
 * that one of the resource's values for that name matches, with {@code *} and {@code ?} wildcards
 * ({@code \*} for a literal star). {@code tag:KEY}, {@code tag-key} and {@code tag-value} work for
 * every kind; a name the kind does not know is refused, as EC2 does.
 */
public final class Filters<T> {
    /** One filter of a request. */
    public record Spec(String name, List<String> values) {
        public Spec {
            values = List.copyOf(values);
        }
    }

    private static final Wildcard.Syntax SYNTAX = new Wildcard.Syntax(true, true, false);

    private final Map<String, Function<T, List<String>>> fields = new LinkedHashMap<>();
    private final Function<T, List<Tag>> tags;

    private Filters(Function<T, List<Tag>> tags) {
        this.tags = tags;
    }

    public static <T> Filters<T> of(Function<T, List<Tag>> tags) {
        return new Filters<>(tags);
    }

    /** A filter name answered by one value of a resource (a string, number or boolean; empty strings match nothing). */
    public Filters<T> field(String name, Function<T, Object> value) {
        fields.put(name, resource -> {
            Object v = value.apply(resource);
            return v == null || v.toString().isEmpty() ? List.of() : List.of(v.toString());
        });
        return this;
    }

    /** A filter name answered by several values of a resource. */
    public Filters<T> fields(String name, Function<T, Collection<String>> values) {
        fields.put(name, resource -> List.copyOf(values.apply(resource)));
        return this;
    }

    /** The resources that pass every filter; throws InvalidParameterValue for a filter name this kind does not know. */
    public Predicate<T> predicate(List<Spec> specs) {
        List<Predicate<T>> all = new ArrayList<>();
        for (Spec spec : specs) {
            Function<T, List<String>> values = valuesOf(spec.name());
            List<Wildcard> patterns = spec.values().stream().map(v -> Wildcard.compile(v, SYNTAX)).toList();
            all.add(resource -> values.apply(resource).stream().anyMatch(v -> patterns.stream().anyMatch(p -> p.matches(v))));
        }
        return resource -> all.stream().allMatch(p -> p.test(resource));
    }

    private Function<T, List<String>> valuesOf(String name) {
        if (name.startsWith("tag:")) {
            String key = name.substring(4);
            return resource -> tags.apply(resource).stream().filter(t -> t.key().equals(key)).map(Tag::value).toList();
        }
        if (name.equals("tag-key")) return resource -> tags.apply(resource).stream().map(Tag::key).toList();
        if (name.equals("tag-value")) return resource -> tags.apply(resource).stream().map(Tag::value).toList();
        Function<T, List<String>> field = fields.get(name);
        if (field == null) {
            throw Ec2Errors.INVALID_PARAMETER_VALUE.exception("The filter '" + name + "' is invalid");
        }
        return field;
    }
}
