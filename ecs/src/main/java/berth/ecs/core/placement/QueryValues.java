package berth.ecs.core.placement;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Conversions of query arguments and instance values to the types their subjects compare by. */
final class QueryValues {
    private static final Pattern VERSION = Pattern.compile("\\d+(\\.\\d+)*");
    private static final Pattern LEADING_VERSION = Pattern.compile("^v?(\\d+(\\.\\d+)*)");

    private QueryValues() {}

    static long count(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("runningTasksCount compares with a whole number, not '" + value + "'");
        }
    }

    /**
     * Instants in the formats ECS accepts: {@code 2018-06-18T22:28:28+00:00},
     * {@code 2018-06-18T22:28:28Z}, {@code 2018-06-18T22:28:28} (UTC) and {@code 2018-06-18}
     * (midnight UTC).
     */
    static Instant instant(String value) {
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            if (value.endsWith("Z") || value.indexOf('+', 10) > 0 || value.lastIndexOf('-') > 10) {
                return OffsetDateTime.parse(value).toInstant();
            }
            return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("registeredAt compares with a date such as 2018-06-18 or "
                    + "2018-06-18T22:28:28Z, not '" + value + "'");
        }
    }

    static Pattern pattern(String value) {
        try {
            return Pattern.compile(value);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("'" + value + "' is not a valid pattern: " + e.getDescription());
        }
    }

    /** The numeric parts of a version such as {@code 1.14.5}; a leading {@code v} and any suffix are ignored. */
    static Optional<int[]> version(String value) {
        var matcher = LEADING_VERSION.matcher(value);
        if (!matcher.find()) {
            return Optional.empty();
        }
        String[] parts = matcher.group(1).split("\\.");
        int[] version = new int[parts.length];
        try {
            for (int i = 0; i < parts.length; i++) {
                version[i] = Integer.parseInt(parts[i]);
            }
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.of(version);
    }

    static boolean isVersion(String value) {
        return VERSION.matcher(value).matches();
    }

    static int compareVersions(int[] a, int[] b) {
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            int x = i < a.length ? a[i] : 0;
            int y = i < b.length ? b[i] : 0;
            if (x != y) {
                return Integer.compare(x, y);
            }
        }
        return 0;
    }

    /** The argument as a number when it reads as one; null otherwise (compared as text then). */
    static BigDecimal number(String value) {
        if (value.isEmpty()) {
            return null;
        }
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Attribute ordering: numerically when both sides are numbers, otherwise as text. */
    static int compareAttribute(String value, String argument, BigDecimal argumentNumber) {
        if (argumentNumber != null) {
            BigDecimal valueNumber = number(value);
            if (valueNumber != null) {
                return valueNumber.compareTo(argumentNumber);
            }
        }
        return value.compareTo(argument);
    }
}
