package berth.elb.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Answers the load balancer gives itself: its error pages (the HTML ALB sends, {@code Server:
 * awselb/2.0}), fixed responses and redirects.
 */
final class LocalResponses {
    static final String SERVER = "awselb/2.0";
    private static final Map<Integer, String> REASONS = Map.ofEntries(
            Map.entry(301, "Moved Permanently"), Map.entry(302, "Found"),
            Map.entry(400, "Bad Request"), Map.entry(405, "Method Not Allowed"), Map.entry(408, "Request Time-out"),
            Map.entry(413, "Request Entity Too Large"), Map.entry(414, "Request-URI Too Large"),
            Map.entry(460, ""), Map.entry(463, ""), Map.entry(500, "Internal Server Error"),
            Map.entry(501, "Not Implemented"), Map.entry(502, "Bad Gateway"),
            Map.entry(503, "Service Temporarily Unavailable"), Map.entry(504, "Gateway Time-out"),
            Map.entry(505, "HTTP Version Not Supported"));
    private static final Map<Integer, byte[]> PAGES = new HashMap<>();

    static {
        REASONS.forEach((code, reason) -> PAGES.put(code, page(code, reason).getBytes(StandardCharsets.US_ASCII)));
    }

    private LocalResponses() {}

    private static String page(int code, String reason) {
        String title = reason.isEmpty() ? Integer.toString(code) : code + " " + reason;
        return "<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>" + title
                + "</h1></center>\r\n</body>\r\n</html>\r\n";
    }

    static HttpResponseStatus status(int code) {
        String reason = REASONS.get(code);
        return reason != null && !reason.isEmpty() ? new HttpResponseStatus(code, reason) : HttpResponseStatus.valueOf(code);
    }

    /** ALB's error page for {@code code}. */
    static FullHttpResponse error(int code, boolean keepAlive) {
        byte[] body = PAGES.getOrDefault(code, page(code, "").getBytes(StandardCharsets.US_ASCII));
        return response(status(code), "text/html", Unpooled.wrappedBuffer(body), keepAlive);
    }

    static FullHttpResponse fixed(RouteAction.Fixed fixed, boolean keepAlive) {
        return response(HttpResponseStatus.valueOf(fixed.status()), fixed.contentType(),
                Unpooled.wrappedBuffer(fixed.body()), keepAlive);
    }

    static FullHttpResponse redirect(int code, String location, boolean keepAlive) {
        FullHttpResponse response = error(code, keepAlive);
        response.headers().set(HttpHeaderNames.LOCATION, location);
        return response;
    }

    private static FullHttpResponse response(HttpResponseStatus status, String contentType, ByteBuf body, boolean keepAlive) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
        response.headers()
                .set(HttpHeaderNames.SERVER, SERVER)
                .set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes())
                .set(HttpHeaderNames.CONNECTION, keepAlive ? HttpHeaderValues.KEEP_ALIVE : HttpHeaderValues.CLOSE);
        return response;
    }
}
