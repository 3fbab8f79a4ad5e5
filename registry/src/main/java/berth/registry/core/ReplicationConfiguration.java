package berth.registry.core;

import berth.aws.Scope;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A registry's replication configuration in one region: rules naming destination registries
 * (region and account) and, optionally, repository name prefixes. An image pushed to a repository
 * a rule matches is copied to the same-named repository in each of the rule's destinations.
 */
public record ReplicationConfiguration(String accountId, String region, List<Rule> rules) {
    public static final int MAX_DESTINATIONS = 25;
    private static final Pattern PREFIX = Pattern.compile("(?:[a-z0-9]+(?:[._-][a-z0-9]*)*/)*[a-z0-9]*(?:[._-][a-z0-9]*)*");
    private static final Pattern REGION = Pattern.compile("[0-9a-z-]{2,25}");
    private static final Pattern REGISTRY = Pattern.compile("[0-9]{12}");

    /** One registry images are copied to. */
    public record Destination(String region, String registryId) {}

    /** @param prefixes repository name prefixes ({@code PREFIX_MATCH}); empty matches every repository */
    public record Rule(List<Destination> destinations, List<String> prefixes) {
        public Rule {
            destinations = List.copyOf(destinations);
            prefixes = List.copyOf(prefixes);
        }

        public boolean matches(String repositoryName) {
            return prefixes.isEmpty() || prefixes.stream().anyMatch(repositoryName::startsWith);
        }
    }

    public ReplicationConfiguration {
        rules = List.copyOf(rules);
    }

    /** A registry that replicates nothing. */
    public static ReplicationConfiguration none(Scope scope) {
        return new ReplicationConfiguration(scope.accountId(), scope.region(), List.of());
    }

    public Scope scope() {
        return new Scope(accountId, region);
    }

    /**
     * @throws InvalidConfiguration when a destination is the source registry itself, names a malformed
     *     region or registry, a filter is malformed, or the rules name more than {@value #MAX_DESTINATIONS}
     *     distinct destinations
     */
    public static ReplicationConfiguration of(Scope scope, List<Rule> rules) {
        Set<Destination> distinct = new LinkedHashSet<>();
        for (Rule rule : rules) {
            for (Destination destination : rule.destinations()) {
                if (!REGION.matcher(destination.region()).matches()) {
                    throw new InvalidConfiguration("region", "must satisfy regular expression '" + REGION.pattern() + "'");
                }
                if (!REGISTRY.matcher(destination.registryId()).matches()) {
                    throw new InvalidConfiguration("registryId", "must satisfy regular expression '" + REGISTRY.pattern() + "'");
                }
                if (destination.region().equals(scope.region()) && destination.registryId().equals(scope.accountId())) {
                    throw new InvalidConfiguration("replicationConfiguration",
                            "Replication destination cannot be the same as the source registry");
                }
                distinct.add(destination);
            }
            for (String prefix : rule.prefixes()) {
                if (!PREFIX.matcher(prefix).matches()) {
                    throw new InvalidConfiguration("filter", "must satisfy regular expression '" + PREFIX.pattern() + "'");
                }
            }
        }
        if (distinct.size() > MAX_DESTINATIONS) {
            throw new InvalidConfiguration("replicationConfiguration", "A replication configuration can have at most "
                    + MAX_DESTINATIONS + " unique destinations across all rules; this one has " + distinct.size());
        }
        return new ReplicationConfiguration(scope.accountId(), scope.region(), rules);
    }

    /** Where an image pushed to {@code repositoryName} goes: every destination of every matching rule, once. */
    public List<Destination> destinationsFor(String repositoryName) {
        Set<Destination> out = new LinkedHashSet<>();
        for (Rule rule : rules) {
            if (rule.matches(repositoryName)) out.addAll(rule.destinations());
        }
        return new ArrayList<>(out);
    }
}
