package berth.elb.core;

import java.util.ArrayList;
import java.util.List;

/**
 * The HTTP codes a health check accepts as success: one code ({@code 200}), a list
 * ({@code 200,202}), a range ({@code 200-299}), or lists of codes and ranges.
 *
 * @param text the matcher as given, returned by the API unchanged
 */
public record HttpCodeMatcher(String text, List<int[]> ranges) {

    /**
     * Parses {@code text}; codes must lie within {@code min}..{@code max} (200-499 for application,
     * 200-599 for network load balancer target groups).
     */
    public static HttpCodeMatcher parse(String text, int min, int max) {
        if (text == null || text.isBlank()) throw invalid(text, min, max);
        List<int[]> ranges = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            String p = part.strip();
            int dash = p.indexOf('-');
            try {
                int low = Integer.parseInt(dash < 0 ? p : p.substring(0, dash));
                int high = dash < 0 ? low : Integer.parseInt(p.substring(dash + 1));
                if (low < min || high > max || low > high) throw invalid(text, min, max);
                ranges.add(new int[] {low, high});
            } catch (NumberFormatException e) {
                throw invalid(text, min, max);
            }
        }
        return new HttpCodeMatcher(text, List.copyOf(ranges));
    }

    public boolean matches(int code) {
        for (int[] range : ranges) {
            if (code >= range[0] && code <= range[1]) return true;
        }
        return false;
    }

    private static ElbException invalid(String text, int min, int max) {
        return ElbError.VALIDATION.exception("Health check matcher HTTP code '" + text + "' must be a value between "
                + min + " and " + max + ", a comma-separated list of values, or a range of values (for example, 200-299)");
    }
}
