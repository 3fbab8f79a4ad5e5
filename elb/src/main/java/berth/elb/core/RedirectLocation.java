package berth.elb.core;

import java.util.Locale;

/** The Location of a redirect action's answer, with the request's parts put into its placeholders. */
public final class RedirectLocation {
    private RedirectLocation() {}

    /**
     * @param protocol the request's protocol, {@code HTTP}
     * @param port the listener's port
     * @param host the Host header without its port
     * @param path the request path, with its leading {@code /}
     * @param query the query string without {@code ?}, empty when none
     */
    public static String of(Action.Redirect redirect, String protocol, int port, String host, String path, String query) {
        String scheme = redirect.protocol().equals(Action.Redirect.KEEP_PROTOCOL) ? protocol : redirect.protocol();
        scheme = scheme.toLowerCase(Locale.ROOT);
        String portText = redirect.port().equals(Action.Redirect.KEEP_PORT) ? Integer.toString(port) : redirect.port();
        String bare = path.startsWith("/") ? path.substring(1) : path;
        String newHost = fill(redirect.host(), protocol, portText, host, bare, query);
        String newPath = fill(redirect.path(), protocol, portText, host, bare, query);
        String newQuery = fill(redirect.query(), protocol, portText, host, bare, query);
        boolean defaultPort = (scheme.equals("http") && portText.equals("80")) || (scheme.equals("https") && portText.equals("443"));
        StringBuilder url = new StringBuilder(scheme).append("://").append(newHost);
        if (!defaultPort) url.append(':').append(portText);
        url.append(newPath.startsWith("/") ? newPath : "/" + newPath);
        if (!newQuery.isEmpty()) url.append('?').append(newQuery);
        return url.toString();
    }

    private static String fill(String template, String protocol, String port, String host, String path, String query) {
        if (template.indexOf("#{") < 0) return template;
        return template.replace("#{protocol}", protocol.toLowerCase(Locale.ROOT)).replace("#{port}", port)
                .replace("#{host}", host).replace("#{path}", path).replace("#{query}", query);
    }
}
