package berth.elb.api;

import berth.elb.core.ElbError;
import berth.elb.core.ElbException;

/** AWS's rules for load balancer and target group names, and for attribute values. */
final class Names {
    private static final int MAX_NAME = 32;

    private Names() {}

    static void checkLoadBalancerName(String name) {
        if (name == null || name.isEmpty()) throw ElbError.VALIDATION.exception("A load balancer name is required");
        if (name.length() > MAX_NAME) {
            throw ElbError.VALIDATION.exception(
                    "The load balancer name '" + name + "' cannot be longer than '" + MAX_NAME + "' characters");
        }
        if (!alphanumericAndHyphens(name)) {
            throw ElbError.VALIDATION.exception("The load balancer name '" + name + "' can only contain characters that are"
                    + " alphanumeric characters or hyphens(-)");
        }
        if (name.startsWith("-") || name.endsWith("-")) {
            throw ElbError.VALIDATION.exception("The load balancer name '" + name + "' cannot begin or end with a hyphen(-)");
        }
        if (name.toLowerCase(java.util.Locale.ROOT).startsWith("internal-")) {
            throw ElbError.VALIDATION.exception("The load balancer name '" + name + "' cannot begin with 'internal-'");
        }
    }

    static void checkTargetGroupName(String name) {
        if (name == null || name.isEmpty()) throw ElbError.VALIDATION.exception("A target group name is required");
        if (name.length() > MAX_NAME) {
            throw ElbError.VALIDATION.exception("Target group name '" + name + "' cannot be longer than '" + MAX_NAME
                    + "' characters");
        }
        if (!alphanumericAndHyphens(name)) {
            throw ElbError.VALIDATION.exception("Target group name '" + name + "' can only contain characters that are"
                    + " alphanumeric characters or hyphens(-)");
        }
        if (name.startsWith("-") || name.endsWith("-")) {
            throw ElbError.VALIDATION.exception("Target group name '" + name + "' cannot begin or end with '-'");
        }
    }

    private static boolean alphanumericAndHyphens(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-')) return false;
        }
        return true;
    }

    static int intIn(String key, String value, int min, int max) {
        try {
            int v = Integer.parseInt(value.strip());
            if (v >= min && v <= max) return v;
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new ElbException(berth.elb.core.ElbError.VALIDATION, "'" + value + "' is not a valid value for attribute '"
                + key + "': it must be an integer between " + min + " and " + max);
    }

    static boolean bool(String key, String value) {
        if (value.equals("true") || value.equals("false")) return Boolean.parseBoolean(value);
        throw ElbError.VALIDATION.exception(
                "'" + value + "' is not a valid value for attribute '" + key + "': it must be true or false");
    }
}
