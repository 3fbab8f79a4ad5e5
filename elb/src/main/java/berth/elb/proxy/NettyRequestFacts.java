package berth.elb.proxy;

import berth.elb.core.RequestFacts;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import java.util.List;

/** A decoded HTTP request as listener rules see it. */
final class NettyRequestFacts implements RequestFacts {
    private final HttpRequest request;
    private final byte[] source;
    private final String path;
    private final String query;

    NettyRequestFacts(HttpRequest request, byte[] source) {
        this.request = request;
        this.source = source;
        String uri = request.uri();
        int start = 0;
        int scheme = uri.indexOf("://");
        if (scheme > 0 && scheme < uri.indexOf('/') + 1) {
            int slash = uri.indexOf('/', scheme + 3);
            start = slash < 0 ? uri.length() : slash;
        }
        int q = uri.indexOf('?', start);
        String p = q < 0 ? uri.substring(start) : uri.substring(start, q);
        this.path = p.isEmpty() ? "/" : p;
        this.query = q < 0 ? "" : uri.substring(q + 1);
    }

    @Override
    public String method() {
        return request.method().name();
    }

    @Override
    public String host() {
        return hostWithoutPort(request.headers().get(HttpHeaderNames.HOST));
    }

    static String hostWithoutPort(String host) {
        if (host == null) return "";
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end < 0 ? host : host.substring(0, end + 1);
        }
        int colon = host.lastIndexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public String rawQuery() {
        return query;
    }

    @Override
    public List<String> headerValues(String name) {
        return request.headers().getAll(name);
    }

    @Override
    public byte[] sourceAddress() {
        return source;
    }
}
