package berth.elb.proxy;

import berth.elb.core.TargetChoice;
import berth.elb.core.TargetGroupAttributes;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Picks the target of a forward action: the target group by weight (or the one an AWSALBTG cookie
 * names, when the action's group stickiness is on), then the target by the group's algorithm (or
 * the one an AWSALB cookie names, when the group's stickiness is on and that target is eligible).
 */
final class ForwardChoice {

    record Chosen(Backend backend, ProxyExchange.StickyResponse sticky) {}

    /** Null when no target group or target can take the request (ALB's 503). */
    Chosen choose(RouteAction.Forward forward, HttpHeaders headers) {
        TargetGroupRuntime group = forward.only();
        String groupToken = null;
        if (group == null) {
            if (forward.groupSticky()) group = byCookie(forward, StickyCookies.find(headers, StickyCookies.GROUP));
            if (group == null) {
                if (forward.totalWeight() == 0) return null;
                int roll = ThreadLocalRandom.current().nextInt(forward.totalWeight());
                group = forward.groups()[TargetChoice.weighted(forward.weights(), roll)];
            }
            if (forward.groupSticky()) groupToken = group.group().id();
        }
        TargetGroupAttributes attributes = group.group().attributes();
        boolean sticky = attributes.stickinessEnabled() && TargetGroupAttributes.LB_COOKIE.equals(attributes.stickinessType());
        Backend backend = null;
        if (sticky) {
            String token = StickyCookies.find(headers, StickyCookies.TARGET);
            if (token != null) backend = group.sticky(token);
        }
        if (backend == null) backend = group.pick();
        if (backend == null) return null;
        if (!sticky && groupToken == null) return new Chosen(backend, ProxyExchange.StickyResponse.NONE);
        return new Chosen(backend, new ProxyExchange.StickyResponse(sticky ? backend.stickyToken : null,
                attributes.stickinessDurationSeconds(), groupToken, forward.groupStickySeconds()));
    }

    private static TargetGroupRuntime byCookie(RouteAction.Forward forward, String token) {
        if (token == null) return null;
        for (int i = 0; i < forward.groups().length; i++) {
            TargetGroupRuntime g = forward.groups()[i];
            if (g.group().id().equals(token) && forward.weights()[i] > 0 && g.hasEligible()) return g;
        }
        return null;
    }
}
