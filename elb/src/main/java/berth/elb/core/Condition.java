package berth.elb.core;

import java.util.List;

/**
 * One condition of a listener rule. A rule matches when all its conditions match; a condition
 * matches when any of its values does. Matching is {@link RuleMatcher}'s.
 */
public sealed interface Condition {

    /** The condition's {@code Field} on the wire. */
    String field();

    /** How many match evaluations the condition counts toward the rule's limit of five. */
    int evaluations();

    /** Request path (without the query string); case-sensitive, {@code *} and {@code ?} wildcards. */
    record PathPattern(List<String> values) implements Condition {
        public PathPattern { values = List.copyOf(values); }
        @Override public String field() { return "path-pattern"; }
        @Override public int evaluations() { return values.size(); }
    }

    /** Host header without its port; case-insensitive, wildcards. */
    record HostHeader(List<String> values) implements Condition {
        public HostHeader { values = List.copyOf(values); }
        @Override public String field() { return "host-header"; }
        @Override public int evaluations() { return values.size(); }
    }

    /** Any value of the named header; the name is exact (case-insensitive), values case-insensitive with wildcards. */
    record HttpHeader(String name, List<String> values) implements Condition {
        public HttpHeader { values = List.copyOf(values); }
        @Override public String field() { return "http-header"; }
        @Override public int evaluations() { return values.size(); }
    }

    /** Request method; exact and case-sensitive. */
    record HttpRequestMethod(List<String> values) implements Condition {
        public HttpRequestMethod { values = List.copyOf(values); }
        @Override public String field() { return "http-request-method"; }
        @Override public int evaluations() { return values.size(); }
    }

    /** Query parameters; key optional, both case-insensitive with wildcards. */
    record QueryString(List<KeyValue> values) implements Condition {
        public QueryString { values = List.copyOf(values); }
        @Override public String field() { return "query-string"; }
        @Override public int evaluations() { return values.size(); }
    }

    /** The client's address (not X-Forwarded-For) within one of the CIDR blocks. */
    record SourceIp(List<String> values) implements Condition {
        public SourceIp { values = List.copyOf(values); }
        @Override public String field() { return "source-ip"; }
        @Override public int evaluations() { return values.size(); }
    }

    /** A query-string condition value; an empty key matches any key. */
    record KeyValue(String key, String value) {}
}
