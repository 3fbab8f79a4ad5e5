package berth.elb.core;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** AWS's rules for the shape of listener actions, before the target groups they name are looked up. */
public final class ActionRules {
    public static final Set<String> CONTENT_TYPES = Set.of("text/plain", "text/css", "text/html",
            "application/javascript", "application/json");
    public static final int MAX_FORWARD_TARGET_GROUPS = 5;
    public static final int MAX_MESSAGE_BODY = 1024;

    private ActionRules() {}

    /** Checks {@code actions} of a listener (or rule) of a {@code type} load balancer. */
    public static void validate(List<Action> actions, LoadBalancerType type) {
        if (actions.isEmpty()) {
            throw ElbError.VALIDATION.exception("At least one action must be specified");
        }
        if (actions.size() > 1) {
            throw ElbError.TOO_MANY_ACTIONS.exception("A rule can have only one forward, fixed-response or redirect action");
        }
        Action action = actions.get(0);
        if (type == LoadBalancerType.NETWORK && !(action instanceof Action.Forward)) {
            throw ElbError.INVALID_ACTION.exception("Network load balancer listeners support only forward actions");
        }
        switch (action) {
            case Action.Forward f -> forward(f);
            case Action.FixedResponse r -> fixedResponse(r);
            case Action.Redirect r -> redirect(r);
        }
    }

    private static void forward(Action.Forward f) {
        if (f.targetGroups().isEmpty()) {
            throw ElbError.VALIDATION.exception("A forward action must specify a target group");
        }
        if (f.targetGroups().size() > MAX_FORWARD_TARGET_GROUPS) {
            throw ElbError.TOO_MANY_UNIQUE_TARGET_GROUPS.exception("A forward action can have at most "
                    + MAX_FORWARD_TARGET_GROUPS + " target groups");
        }
        Set<String> seen = new HashSet<>();
        for (Action.WeightedTargetGroup g : f.targetGroups()) {
            if (!seen.add(g.arn())) {
                throw ElbError.VALIDATION.exception("Target group '" + g.arn() + "' is specified more than once");
            }
            if (g.weight() < 0 || g.weight() > 999) {
                throw ElbError.VALIDATION.exception("Target group weight must be between 0 and 999");
            }
        }
        if (f.stickinessEnabled() && (f.stickinessSeconds() < 1 || f.stickinessSeconds() > 604800)) {
            throw ElbError.VALIDATION.exception("Target group stickiness duration must be between 1 and 604800 seconds");
        }
    }

    private static void fixedResponse(Action.FixedResponse r) {
        int status = r.statusCode();
        if (status < 200 || status > 599 || (status >= 300 && status < 400)) {
            throw ElbError.VALIDATION.exception("Fixed response status code '" + status + "' must match 2XX, 4XX or 5XX");
        }
        if (!r.contentType().isEmpty() && !CONTENT_TYPES.contains(r.contentType())) {
            throw ElbError.VALIDATION.exception("Fixed response content type '" + r.contentType() + "' must be one of "
                    + "text/plain, text/css, text/html, application/javascript, application/json");
        }
        if (r.messageBody().length() > MAX_MESSAGE_BODY) {
            throw ElbError.VALIDATION.exception("Fixed response message body cannot be longer than "
                    + MAX_MESSAGE_BODY + " characters");
        }
    }

    private static void redirect(Action.Redirect r) {
        if (r.statusCode() != 301 && r.statusCode() != 302) {
            throw ElbError.VALIDATION.exception("Redirect status code must be HTTP_301 or HTTP_302");
        }
        if (!List.of("HTTP", "HTTPS", Action.Redirect.KEEP_PROTOCOL).contains(r.protocol())) {
            throw ElbError.VALIDATION.exception("Redirect protocol must be HTTP, HTTPS or #{protocol}");
        }
        if (!r.port().equals(Action.Redirect.KEEP_PORT)) {
            try {
                int port = Integer.parseInt(r.port());
                if (port < 1 || port > 65535) throw new NumberFormatException();
            } catch (NumberFormatException e) {
                throw ElbError.VALIDATION.exception("Redirect port must be between 1 and 65535 or #{port}");
            }
        }
        if (r.host().isEmpty() || r.host().length() > 128) {
            throw ElbError.VALIDATION.exception("Redirect host must be 1-128 characters");
        }
        if (!r.path().startsWith("/") || r.path().length() > 128) {
            throw ElbError.VALIDATION.exception("Redirect path must start with '/' and be at most 128 characters");
        }
        if (r.query().startsWith("?") || r.query().length() > 128) {
            throw ElbError.VALIDATION.exception("Redirect query must not start with '?' and be at most 128 characters");
        }
        if (r.protocol().equals(Action.Redirect.KEEP_PROTOCOL) && r.port().equals(Action.Redirect.KEEP_PORT)
                && r.host().equals(Action.Redirect.KEEP_HOST) && r.path().equals(Action.Redirect.KEEP_PATH)
                && r.query().equals(Action.Redirect.KEEP_QUERY)) {
            throw ElbError.INVALID_ACTION.exception("The redirect must change at least one of protocol, port, host,"
                    + " path or query: redirecting a request to itself would loop");
        }
    }
}
