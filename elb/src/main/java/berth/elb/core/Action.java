package berth.elb.core;

import java.util.List;

/** What a listener does with a request (or connection) that a rule, or the default, selected. */
public sealed interface Action permits Action.Forward, Action.FixedResponse, Action.Redirect {

    /** Every target group this action may send to. */
    default List<String> targetGroupArns() {
        return List.of();
    }

    /**
     * Sends to one of {@code targetGroups}, chosen by weight; with {@code stickinessSeconds} above 0 a
     * client stays with the group it was first sent to for that long (the AWSALBTG cookie).
     */
    record Forward(List<WeightedTargetGroup> targetGroups, boolean stickinessEnabled, int stickinessSeconds)
            implements Action {
        public Forward {
            targetGroups = List.copyOf(targetGroups);
        }

        public static Forward to(String targetGroupArn) {
            return new Forward(List.of(new WeightedTargetGroup(targetGroupArn, 1)), false, 0);
        }

        @Override
        public List<String> targetGroupArns() {
            return targetGroups.stream().map(WeightedTargetGroup::arn).toList();
        }
    }

    /** Answers with a fixed status, content type and body (at most 1024 characters). */
    record FixedResponse(int statusCode, String contentType, String messageBody) implements Action {}

    /**
     * Answers with a redirect whose URL parts may use {@code #{protocol}}, {@code #{host}},
     * {@code #{port}}, {@code #{path}} and {@code #{query}} of the request.
     *
     * @param statusCode 301 or 302
     */
    record Redirect(String protocol, String port, String host, String path, String query, int statusCode)
            implements Action {
        public static final String KEEP_PROTOCOL = "#{protocol}";
        public static final String KEEP_PORT = "#{port}";
        public static final String KEEP_HOST = "#{host}";
        public static final String KEEP_PATH = "/#{path}";
        public static final String KEEP_QUERY = "#{query}";
    }

    /** A target group of a forward action and its weight (0-999). */
    record WeightedTargetGroup(String arn, int weight) {}
}
