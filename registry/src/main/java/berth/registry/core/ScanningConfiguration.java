package berth.registry.core;

import berth.aws.Scope;
import berth.aws.text.Wildcard;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A registry's scanning configuration in one region: the scan type and the rules that choose, by
 * repository name, how often a repository's images are scanned. Once a registry has one, it decides
 * for every repository and the repositories' own {@code scanOnPush} settings no longer count.
 *
 * @param scanType {@code BASIC} or {@code ENHANCED}
 */
public record ScanningConfiguration(String accountId, String region, String scanType, List<Rule> rules) {
    public static final String BASIC = "BASIC";
    public static final String ENHANCED = "ENHANCED";
    public static final String SCAN_ON_PUSH = "SCAN_ON_PUSH";
    public static final String CONTINUOUS_SCAN = "CONTINUOUS_SCAN";
    public static final String MANUAL = "MANUAL";
    private static final Pattern FILTER = Pattern.compile("[a-z0-9*](?:[._\\-/a-z0-9*]?[a-z0-9*]+)*");

    /**
     * @param scanFrequency {@code SCAN_ON_PUSH} or {@code CONTINUOUS_SCAN}
     * @param filters wildcard filters on repository names
     */
    public record Rule(String scanFrequency, List<String> filters) {
        public Rule {
            filters = List.copyOf(filters);
        }
    }

    /**
     * How one repository is scanned.
     *
     * @param appliedFilters the filters of the rule that chose the frequency; empty for {@code MANUAL}
     */
    public record RepositoryScanning(String scanFrequency, List<String> appliedFilters) {
        public RepositoryScanning {
            appliedFilters = List.copyOf(appliedFilters);
        }

        public boolean scanOnPush() {
            return scanFrequency.equals(SCAN_ON_PUSH) || scanFrequency.equals(CONTINUOUS_SCAN);
        }

        /** A repository's own setting, for registries without a scanning configuration. */
        public static RepositoryScanning ofRepository(boolean scanOnPush) {
            return new RepositoryScanning(scanOnPush ? SCAN_ON_PUSH : MANUAL, List.of());
        }
    }

    public ScanningConfiguration {
        rules = List.copyOf(rules);
    }

    /** What GetRegistryScanningConfiguration reports for a registry that never had one. */
    public static ScanningConfiguration defaults(Scope scope) {
        return new ScanningConfiguration(scope.accountId(), scope.region(), BASIC, List.of());
    }

    public Scope scope() {
        return new Scope(accountId, region);
    }

    /** @throws InvalidConfiguration when the scan type does not support a rule's frequency or a filter is malformed */
    public static ScanningConfiguration of(Scope scope, String scanType, List<Rule> rules) {
        Set<String> frequencies = new HashSet<>();
        for (Rule rule : rules) {
            boolean supported = scanType.equals(ENHANCED)
                    ? rule.scanFrequency().equals(SCAN_ON_PUSH) || rule.scanFrequency().equals(CONTINUOUS_SCAN)
                    : rule.scanFrequency().equals(SCAN_ON_PUSH);
            if (!supported) {
                throw new InvalidConfiguration("scanFrequency", "The " + scanType + " scan type supports the scan frequencies "
                        + (scanType.equals(ENHANCED) ? "[SCAN_ON_PUSH, CONTINUOUS_SCAN]" : "[SCAN_ON_PUSH]")
                        + ", not " + rule.scanFrequency());
            }
            if (!frequencies.add(rule.scanFrequency())) {
                throw new InvalidConfiguration("rules", "Only one rule per scan frequency is allowed; "
                        + rule.scanFrequency() + " is used twice");
            }
            for (String filter : rule.filters()) {
                if (!FILTER.matcher(filter).matches()) {
                    throw new InvalidConfiguration("filter", "must satisfy regular expression '" + FILTER.pattern() + "'");
                }
            }
        }
        return new ScanningConfiguration(scope.accountId(), scope.region(), scanType, rules);
    }

    /**
     * How the repository named {@code name} is scanned: continuous scanning wins over scan on push
     * when both match, and a repository no rule matches is scanned only when asked to.
     */
    public RepositoryScanning scanningOf(String name) {
        for (String frequency : List.of(CONTINUOUS_SCAN, SCAN_ON_PUSH)) {
            for (Rule rule : rules) {
                if (!rule.scanFrequency().equals(frequency)) continue;
                List<String> matched = rule.filters().stream().filter(f -> filterMatches(f, name)).toList();
                if (!matched.isEmpty()) return new RepositoryScanning(frequency, matched);
            }
        }
        return new RepositoryScanning(MANUAL, List.of());
    }

    /** ECR's scanning filters: without {@code *} a filter matches names that contain it; with {@code *}, whole names. */
    public static boolean filterMatches(String filter, String name) {
        return filter.indexOf('*') < 0 ? name.contains(filter)
                : Wildcard.matches(filter, name, Wildcard.Syntax.STAR_ONLY);
    }
}
