package berth.elb.core;

import java.util.List;

/** What listener rules look at in an HTTP request. */
public interface RequestFacts {
    /** The method as sent, e.g. {@code GET}. */
    String method();

    /** The Host header without its port; empty when absent. */
    String host();

    /** The path without the query string, as sent (percent-encoded). */
    String path();

    /** The query string without {@code ?}; empty when absent. */
    String rawQuery();

    /** Every value of the header {@code name} (case-insensitive); empty when absent. */
    List<String> headerValues(String name);

    /** The client's address: 4 or 16 bytes. */
    byte[] sourceAddress();
}
