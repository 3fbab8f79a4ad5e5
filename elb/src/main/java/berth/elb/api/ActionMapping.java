package berth.elb.api;

import berth.elb.core.Action;
import berth.elb.core.ElbError;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.FixedResponseActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ForwardActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RedirectActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RedirectActionStatusCodeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupStickinessConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;

/** Listener and rule actions between the wire and core: forward, fixed-response and redirect. */
final class ActionMapping {
    private ActionMapping() {}

    static List<Action> fromSdk(List<software.amazon.awssdk.services.elasticloadbalancingv2.model.Action> actions) {
        List<Action> mapped = new ArrayList<>();
        for (var a : actions) mapped.add(fromSdk(a));
        return mapped;
    }

    static Action fromSdk(software.amazon.awssdk.services.elasticloadbalancingv2.model.Action a) {
        String type = a.typeAsString();
        if (type == null) throw ElbError.VALIDATION.exception("An action must have a type");
        if (type.startsWith("authenticate")) {
            throw ElbError.INVALID_ACTION.exception("berth does not support " + type + " actions");
        }
        boolean forward = type.equals("forward");
        if (!forward && (a.targetGroupArn() != null || a.forwardConfig() != null)) {
            throw ElbError.VALIDATION.exception("A " + type + " action cannot have a target group or forward configuration");
        }
        if (!type.equals("fixed-response") && a.fixedResponseConfig() != null) {
            throw ElbError.VALIDATION.exception("A " + type + " action cannot have a fixed response configuration");
        }
        if (!type.equals("redirect") && a.redirectConfig() != null) {
            throw ElbError.VALIDATION.exception("A " + type + " action cannot have a redirect configuration");
        }
        return switch (type) {
            case "forward" -> forward(a);
            case "fixed-response" -> {
                FixedResponseActionConfig c = a.fixedResponseConfig();
                if (c == null) throw ElbError.VALIDATION.exception("A fixed-response action must have a FixedResponseConfig");
                int status;
                try {
                    status = Integer.parseInt(c.statusCode());
                } catch (NumberFormatException e) {
                    throw ElbError.VALIDATION.exception(
                            "Fixed response status code '" + c.statusCode() + "' must match 2XX, 4XX or 5XX");
                }
                yield new Action.FixedResponse(status, text(c.contentType()), text(c.messageBody()));
            }
            case "redirect" -> {
                RedirectActionConfig c = a.redirectConfig();
                if (c == null) throw ElbError.VALIDATION.exception("A redirect action must have a RedirectConfig");
                if (c.statusCode() == null || c.statusCode() == RedirectActionStatusCodeEnum.UNKNOWN_TO_SDK_VERSION) {
                    throw ElbError.VALIDATION.exception("Redirect status code must be HTTP_301 or HTTP_302");
                }
                yield new Action.Redirect(or(c.protocol(), Action.Redirect.KEEP_PROTOCOL), or(c.port(), Action.Redirect.KEEP_PORT),
                        or(c.host(), Action.Redirect.KEEP_HOST), or(c.path(), Action.Redirect.KEEP_PATH),
                        c.query() == null ? Action.Redirect.KEEP_QUERY : c.query(),
                        c.statusCode() == RedirectActionStatusCodeEnum.HTTP_301 ? 301 : 302);
            }
            default -> throw ElbError.VALIDATION.exception(
                    "Action type '" + type + "' must be one of forward, fixed-response, redirect");
        };
    }

    private static Action.Forward forward(software.amazon.awssdk.services.elasticloadbalancingv2.model.Action a) {
        ForwardActionConfig config = a.forwardConfig();
        if (config == null || !config.hasTargetGroups() || config.targetGroups().isEmpty()) {
            if (a.targetGroupArn() == null) {
                throw ElbError.VALIDATION.exception("A forward action must specify a target group ARN or a forward configuration");
            }
            return Action.Forward.to(a.targetGroupArn());
        }
        List<Action.WeightedTargetGroup> groups = new ArrayList<>();
        for (TargetGroupTuple t : config.targetGroups()) {
            if (t.targetGroupArn() == null) {
                throw ElbError.VALIDATION.exception("A forward configuration target group must have an ARN");
            }
            groups.add(new Action.WeightedTargetGroup(t.targetGroupArn(), t.weight() == null ? 1 : t.weight()));
        }
        if (a.targetGroupArn() != null && (groups.size() != 1 || !groups.get(0).arn().equals(a.targetGroupArn()))) {
            throw ElbError.VALIDATION.exception("You cannot specify both a target group ARN and a forward configuration with other"
                    + " target groups");
        }
        TargetGroupStickinessConfig stickiness = config.targetGroupStickinessConfig();
        boolean sticky = stickiness != null && Boolean.TRUE.equals(stickiness.enabled());
        int seconds = sticky ? (stickiness.durationSeconds() == null ? 0 : stickiness.durationSeconds()) : 0;
        return new Action.Forward(groups, sticky, seconds);
    }

    static List<software.amazon.awssdk.services.elasticloadbalancingv2.model.Action> toSdk(List<Action> actions) {
        List<software.amazon.awssdk.services.elasticloadbalancingv2.model.Action> mapped = new ArrayList<>();
        int order = 1;
        for (Action a : actions) mapped.add(toSdk(a, order++));
        return mapped;
    }

    static software.amazon.awssdk.services.elasticloadbalancingv2.model.Action toSdk(Action action, int order) {
        var b = software.amazon.awssdk.services.elasticloadbalancingv2.model.Action.builder().order(order);
        switch (action) {
            case Action.Forward f -> {
                b.type(ActionTypeEnum.FORWARD);
                if (f.targetGroups().size() == 1) b.targetGroupArn(f.targetGroups().get(0).arn());
                var stickiness = TargetGroupStickinessConfig.builder().enabled(f.stickinessEnabled());
                if (f.stickinessEnabled()) stickiness.durationSeconds(f.stickinessSeconds());
                b.forwardConfig(ForwardActionConfig.builder()
                        .targetGroups(f.targetGroups().stream().map(g -> TargetGroupTuple.builder().targetGroupArn(g.arn())
                                .weight(g.weight()).build()).toList())
                        .targetGroupStickinessConfig(stickiness.build()).build());
            }
            case Action.FixedResponse r -> {
                var c = FixedResponseActionConfig.builder().statusCode(Integer.toString(r.statusCode()));
                if (!r.contentType().isEmpty()) c.contentType(r.contentType());
                if (!r.messageBody().isEmpty()) c.messageBody(r.messageBody());
                b.type(ActionTypeEnum.FIXED_RESPONSE).fixedResponseConfig(c.build());
            }
            case Action.Redirect r -> b.type(ActionTypeEnum.REDIRECT).redirectConfig(RedirectActionConfig.builder()
                    .protocol(r.protocol()).port(r.port()).host(r.host()).path(r.path()).query(r.query())
                    .statusCode(r.statusCode() == 301 ? RedirectActionStatusCodeEnum.HTTP_301 : RedirectActionStatusCodeEnum.HTTP_302)
                    .build());
        }
        return b.build();
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    private static String or(String s, String fallback) {
        return s == null ? fallback : s;
    }
}
