package berth.elb.proxy;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The headers an application load balancer adds to a request it forwards: X-Forwarded-For (the
 * client's address appended), X-Forwarded-Proto and X-Forwarded-Port (set), X-Amzn-Trace-Id
 * (added when absent); and the hop-by-hop headers it removes.
 */
final class ForwardedHeaders {
    static final AsciiString X_FORWARDED_FOR = AsciiString.cached("x-forwarded-for");
    static final AsciiString X_FORWARDED_PROTO = AsciiString.cached("x-forwarded-proto");
    static final AsciiString X_FORWARDED_PORT = AsciiString.cached("x-forwarded-port");
    static final AsciiString X_AMZN_TRACE_ID = AsciiString.cached("x-amzn-trace-id");
    private static final AsciiString HTTP = AsciiString.cached("http");
    private static final AsciiString PROXY_CONNECTION = AsciiString.cached("proxy-connection");
    /** ALB answers 463 when X-Forwarded-For already names more than this many addresses. */
    static final int MAX_FORWARDED_ADDRESSES = 30;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private ForwardedHeaders() {}

    /** Whether the request's X-Forwarded-For is too long to append to (ALB's 463). */
    static boolean tooManyAddresses(HttpHeaders headers) {
        String xff = headers.get(X_FORWARDED_FOR);
        if (xff == null) return false;
        int commas = 0;
        for (int i = 0; i < xff.length(); i++) {
            if (xff.charAt(i) == ',') commas++;
        }
        return commas + 1 > MAX_FORWARDED_ADDRESSES;
    }

    /** Adds the forwarding headers; {@code upgrade} keeps Connection and Upgrade for a WebSocket handshake. */
    static void apply(HttpHeaders headers, String clientIp, String listenerPort, boolean upgrade) {
        String xff = headers.get(X_FORWARDED_FOR);
        headers.set(X_FORWARDED_FOR, xff == null || xff.isBlank() ? clientIp : xff + ", " + clientIp);
        headers.set(X_FORWARDED_PROTO, HTTP);
        headers.set(X_FORWARDED_PORT, listenerPort);
        if (!headers.contains(X_AMZN_TRACE_ID)) headers.set(X_AMZN_TRACE_ID, traceId());
        if (!upgrade) {
            removeConnectionTokens(headers);
            headers.remove(HttpHeaderNames.CONNECTION);
            headers.remove(HttpHeaderNames.UPGRADE);
        }
        headers.remove(HttpHeaderNames.KEEP_ALIVE);
        headers.remove(PROXY_CONNECTION);
        headers.remove(HttpHeaderNames.TE);
        headers.remove(HttpHeaderNames.TRAILER);
    }

    /** Removes the hop-by-hop headers of a target's response before it goes to the client. */
    static void stripResponse(HttpHeaders headers) {
        removeConnectionTokens(headers);
        headers.remove(HttpHeaderNames.CONNECTION);
        headers.remove(HttpHeaderNames.KEEP_ALIVE);
        headers.remove(PROXY_CONNECTION);
    }

    private static void removeConnectionTokens(HttpHeaders headers) {
        String connection = headers.get(HttpHeaderNames.CONNECTION);
        if (connection == null || connection.indexOf(',') < 0 && isStandardToken(connection)) return;
        for (String token : connection.split(",")) {
            String name = token.strip();
            if (!name.isEmpty() && !isStandardToken(name)) headers.remove(name);
        }
    }

    private static boolean isStandardToken(String token) {
        return token.equalsIgnoreCase("keep-alive") || token.equalsIgnoreCase("close") || token.equalsIgnoreCase("upgrade");
    }

    /** {@code Root=1-EPOCHHEX-24HEX}, the trace id format of AWS X-Ray that ALB adds. */
    static String traceId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] id = new char[7 + 8 + 1 + 24];
        "Root=1-".getChars(0, 7, id, 0);
        long seconds = System.currentTimeMillis() / 1000;
        for (int i = 0; i < 8; i++) id[7 + i] = HEX[(int) (seconds >>> (28 - 4 * i)) & 0xF];
        id[15] = '-';
        long a = random.nextLong();
        long b = random.nextLong();
        for (int i = 0; i < 16; i++) id[16 + i] = HEX[(int) (a >>> (60 - 4 * i)) & 0xF];
        for (int i = 0; i < 8; i++) id[32 + i] = HEX[(int) (b >>> (60 - 4 * i)) & 0xF];
        return new String(id);
    }
}
