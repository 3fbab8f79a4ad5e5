package berth.store.postgres;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where a PostgreSQL store lives: a JDBC URL, credentials, the schema holding its table (created on
 * open if missing) and how many connections it may use for reads and commits.
 *
 * <p>{@link #parse} accepts {@code postgresql://user:password@host:port/database?schema=s&poolSize=n}
 * (also {@code postgres://}; user and password percent-encoded) and
 * {@code jdbc:postgresql://host:port/database?user=u&password=p&schema=s&poolSize=n}; other query
 * parameters go to the driver unchanged.
 */
public record PostgresLocation(String jdbcUrl, String user, String password, String schema, int poolSize) {
    public static final String DEFAULT_SCHEMA = "public";
    public static final int DEFAULT_POOL_SIZE = 8;
    /** Schema names become part of identifiers and of the notification channel (at most 63 bytes). */
    private static final Pattern SCHEMA_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,47}");

    public PostgresLocation {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + jdbcUrl);
        }
        if (user == null) user = "";
        if (password == null) password = "";
        if (schema == null || !SCHEMA_NAME.matcher(schema).matches()) {
            throw new IllegalArgumentException("schema must match " + SCHEMA_NAME.pattern() + ": " + schema);
        }
        if (poolSize < 1) throw new IllegalArgumentException("poolSize must be at least 1");
    }

    public static boolean accepts(String spec) {
        return spec.startsWith("postgresql://") || spec.startsWith("postgres://") || spec.startsWith("jdbc:postgresql:");
    }

    public static PostgresLocation parse(String spec) {
        if (spec.startsWith("jdbc:postgresql:")) return parseJdbc(spec);
        if (spec.startsWith("postgresql://") || spec.startsWith("postgres://")) return parseUri(spec);
        throw new IllegalArgumentException("not a PostgreSQL URL: " + redact(spec));
    }

    public PostgresLocation withSchema(String otherSchema) {
        return new PostgresLocation(jdbcUrl, user, password, otherSchema, poolSize);
    }

    public PostgresLocation withPoolSize(int otherPoolSize) {
        return new PostgresLocation(jdbcUrl, user, password, schema, otherPoolSize);
    }

    /** The location without its password, for messages and logs. */
    @Override
    public String toString() {
        return "PostgresLocation[" + jdbcUrl + ", user=" + user + ", schema=" + schema + ", poolSize=" + poolSize + "]";
    }

    private static PostgresLocation parseUri(String spec) {
        URI uri;
        try {
            uri = new URI(spec);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("malformed PostgreSQL URL: " + redact(spec), e);
        }
        if (uri.getHost() == null) throw new IllegalArgumentException("PostgreSQL URL has no host: " + redact(spec));
        String user = "";
        String password = "";
        if (uri.getRawUserInfo() != null) {
            String[] userInfo = uri.getRawUserInfo().split(":", 2);
            user = decode(userInfo[0]);
            password = userInfo.length > 1 ? decode(userInfo[1]) : "";
        }
        String host = uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
        String database = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        Query query = Query.of(uri.getRawQuery());
        return new PostgresLocation("jdbc:postgresql://" + host + database + query.passedOn(), user, password,
                query.schema(), query.poolSize());
    }

    private static PostgresLocation parseJdbc(String spec) {
        int question = spec.indexOf('?');
        String base = question < 0 ? spec : spec.substring(0, question);
        Query query = Query.of(question < 0 ? null : spec.substring(question + 1));
        return new PostgresLocation(base + query.passedOn(), query.user(), query.password(), query.schema(),
                query.poolSize());
    }

    /** Query parameters: ours are taken out, the driver's passed on. */
    private record Query(String user, String password, String schema, int poolSize, List<String> driverParameters) {
        static Query of(String rawQuery) {
            String user = "";
            String password = "";
            String schema = DEFAULT_SCHEMA;
            int poolSize = DEFAULT_POOL_SIZE;
            List<String> passed = new ArrayList<>();
            if (rawQuery != null && !rawQuery.isEmpty()) {
                for (String parameter : rawQuery.split("&")) {
                    String[] nameValue = parameter.split("=", 2);
                    String value = nameValue.length > 1 ? decode(nameValue[1]) : "";
                    switch (nameValue[0]) {
                        case "user" -> user = value;
                        case "password" -> password = value;
                        case "schema" -> schema = value;
                        case "poolSize" -> poolSize = parsePoolSize(value);
                        default -> passed.add(parameter);
                    }
                }
            }
            return new Query(user, password, schema, poolSize, passed);
        }

        String passedOn() {
            return driverParameters.isEmpty() ? "" : "?" + String.join("&", driverParameters);
        }

        private static int parsePoolSize(String value) {
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("poolSize is not a number: " + value, e);
            }
        }
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String redact(String spec) {
        return spec.replaceAll("(//[^:/@]*:)[^@]*@", "$1***@").replaceAll("(password=)[^&]*", "$1***");
    }
}
