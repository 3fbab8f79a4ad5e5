package berth.elb.proxy;

import berth.elb.core.Action;
import java.nio.charset.StandardCharsets;

/** A listener action compiled for the data plane: target groups resolved, fixed bodies encoded. */
sealed interface RouteAction {

    /** Forward to one of {@code groups}, chosen by weight (or by the AWSALBTG cookie when group stickiness is on). */
    record Forward(TargetGroupRuntime[] groups, int[] weights, int totalWeight, boolean groupSticky,
                   int groupStickySeconds) implements RouteAction {
        /** The one target group of a plain forward; null for a weighted one (or one whose group is gone). */
        TargetGroupRuntime only() {
            return groups.length == 1 ? groups[0] : null;
        }
    }

    record Fixed(int status, String contentType, byte[] body) implements RouteAction {
        static Fixed of(Action.FixedResponse r) {
            String type = r.contentType().isEmpty() ? "text/plain; charset=utf-8" : r.contentType() + "; charset=utf-8";
            return new Fixed(r.statusCode(), type, r.messageBody().getBytes(StandardCharsets.UTF_8));
        }
    }

    record Redirect(Action.Redirect redirect) implements RouteAction {}
}
