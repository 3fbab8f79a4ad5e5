package berth.elb.core;

import java.util.Locale;

/** How targets are named: by instance id (resolved to the instance's address) or by IP address. */
public enum TargetType {
    INSTANCE,
    IP;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
