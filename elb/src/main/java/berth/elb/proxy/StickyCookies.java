package berth.elb.proxy;

import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.Date;

/**
 * The cookies of ALB stickiness: AWSALB names the target (lb_cookie stickiness of a target group),
 * AWSALBTG the target group (stickiness of a weighted forward); each comes with a {@code CORS}
 * twin marked {@code SameSite=None; Secure} for cross-origin requests, as ALB sets them.
 */
final class StickyCookies {
    static final String TARGET = "AWSALB";
    static final String GROUP = "AWSALBTG";

    private StickyCookies() {}

    /** The value of cookie {@code name} (or its CORS twin) in the request's Cookie headers; null when absent. */
    static String find(HttpHeaders headers, String name) {
        for (String header : headers.getAll(HttpHeaderNames.COOKIE)) {
            String value = find(header, name);
            if (value == null) value = find(header, name + "CORS");
            if (value != null) return value;
        }
        return null;
    }

    static String find(String header, String name) {
        int from = 0;
        while (true) {
            int at = header.indexOf(name, from);
            if (at < 0) return null;
            int eq = at + name.length();
            boolean startsCookie = at == 0 || header.charAt(at - 1) == ' ' || header.charAt(at - 1) == ';';
            if (startsCookie && eq < header.length() && header.charAt(eq) == '=') {
                int end = header.indexOf(';', eq);
                return header.substring(eq + 1, end < 0 ? header.length() : end).strip();
            }
            from = eq;
        }
    }

    /** Sets {@code name} and its CORS twin to {@code value} for {@code seconds}. */
    static void set(HttpHeaders headers, String name, String value, int seconds) {
        String expires = DateFormatter.format(new Date(System.currentTimeMillis() + seconds * 1000L));
        headers.add(HttpHeaderNames.SET_COOKIE, name + "=" + value + "; Expires=" + expires + "; Path=/");
        headers.add(HttpHeaderNames.SET_COOKIE, name + "CORS=" + value + "; Expires=" + expires
                + "; Path=/; SameSite=None; Secure");
    }
}
