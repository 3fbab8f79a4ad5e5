package berth.elb.core;

import java.util.Locale;

/** How an application load balancer picks among a target group's eligible targets. */
public enum Algorithm {
    ROUND_ROBIN,
    LEAST_OUTSTANDING_REQUESTS;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static java.util.Optional<Algorithm> fromWire(String value) {
        for (Algorithm a : values()) {
            if (a.wireName().equals(value)) return java.util.Optional.of(a);
        }
        return java.util.Optional.empty();
    }
}
