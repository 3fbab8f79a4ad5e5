package berth.cloudwatch.core;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides an alarm's state from the values of its last evaluation periods, as CloudWatch does:
 * ALARM when at least datapointsToAlarm of the evaluationPeriods periods breach the threshold;
 * missing periods are treated by treatMissingData (breaching and notBreaching count them as such;
 * missing and ignore leave them out, and with no data at all missing goes to INSUFFICIENT_DATA
 * while ignore keeps the current state). Pure: the caller reads the periods.
 */
public final class AlarmEvaluator {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("dd/MM/yy HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private AlarmEvaluator() {}

    /** The state an evaluation decides, with the reason CloudWatch would give. */
    public record Decision(String state, String reason, String reasonData) {}

    /**
     * @param values the alarm's last evaluationPeriods period values, oldest first, empty where missing
     * @param periodStarts the start of each of those periods
     * @param now when the evaluation happens (for the reason data)
     */
    public static Decision evaluate(Alarm alarm, List<Optional<Double>> values, List<Instant> periodStarts, Instant now) {
        int breaching = 0;
        int present = 0;
        List<Double> recent = new ArrayList<>();
        List<Instant> recentAt = new ArrayList<>();
        for (int i = values.size() - 1; i >= 0; i--) {
            Optional<Double> v = values.get(i);
            if (v.isPresent()) {
                present++;
                recent.add(v.get());
                recentAt.add(periodStarts.get(i));
                if (breaches(alarm.comparisonOperator(), v.get(), alarm.threshold())) {
                    breaching++;
                }
            } else if (alarm.treatMissingData().equals("breaching")) {
                breaching++;
                present++;
            } else if (alarm.treatMissingData().equals("notBreaching")) {
                present++;
            }
        }
        String data = reasonData(alarm, recent, recentAt, now);
        int missing = values.size() - recent.size();
        if (recent.isEmpty() && missing > 0 && (alarm.treatMissingData().equals("breaching")
                || alarm.treatMissingData().equals("notBreaching"))) {
            boolean breach = alarm.treatMissingData().equals("breaching") && missing >= alarm.datapointsToAlarm();
            return new Decision(breach ? Alarm.ALARM : Alarm.OK, "Threshold Crossed: no datapoints were received for "
                    + missing + " period" + (missing == 1 ? "" : "s") + " and " + missing + " missing datapoint"
                    + (missing == 1 ? " was" : "s were") + " treated as ["
                    + (alarm.treatMissingData().equals("breaching") ? "Breaching" : "NonBreaching") + "].", data);
        }
        if (breaching >= alarm.datapointsToAlarm()) {
            return new Decision(Alarm.ALARM, "Threshold Crossed: " + describe(alarm, recent, recentAt, breaching)
                    + " was " + wordFor(alarm.comparisonOperator()) + " the threshold (" + number(alarm.threshold()) + ").",
                    data);
        }
        if (present == 0) {
            if (alarm.treatMissingData().equals("ignore")) {
                return new Decision(alarm.state(), alarm.stateReason(), alarm.stateReasonData());
            }
            return new Decision(Alarm.INSUFFICIENT_DATA, "Insufficient Data: " + alarm.evaluationPeriods()
                    + " datapoint" + (alarm.evaluationPeriods() == 1 ? " was" : "s were") + " unknown.", data);
        }
        return new Decision(Alarm.OK, "Threshold Crossed: " + describe(alarm, recent, recentAt, present - breaching)
                + " was not " + wordFor(alarm.comparisonOperator()) + " the threshold (" + number(alarm.threshold()) + ").",
                data);
    }

    public static boolean breaches(String operator, double value, double threshold) {
        return switch (operator) {
            case "GreaterThanOrEqualToThreshold" -> value >= threshold;
            case "GreaterThanThreshold" -> value > threshold;
            case "LessThanThreshold" -> value < threshold;
            case "LessThanOrEqualToThreshold" -> value <= threshold;
            default -> false;
        };
    }

    private static String wordFor(String operator) {
        return switch (operator) {
            case "GreaterThanOrEqualToThreshold" -> "greater than or equal to";
            case "GreaterThanThreshold" -> "greater than";
            case "LessThanThreshold" -> "less than";
            case "LessThanOrEqualToThreshold" -> "less than or equal to";
            default -> operator;
        };
    }

    private static String describe(Alarm alarm, List<Double> recent, List<Instant> at, int count) {
        StringBuilder text = new StringBuilder();
        text.append(count).append(" out of the last ").append(alarm.evaluationPeriods()).append(" datapoints [");
        for (int i = 0; i < recent.size(); i++) {
            if (i > 0) {
                text.append(", ");
            }
            text.append(number(recent.get(i))).append(" (").append(STAMP.format(at.get(i))).append(')');
        }
        return text.append(']').toString();
    }

    private static String reasonData(Alarm alarm, List<Double> recent, List<Instant> at, Instant now) {
        StringBuilder json = new StringBuilder("{\"version\":\"1.0\",\"queryDate\":\"")
                .append(DateTimeFormatter.ISO_INSTANT.format(now)).append('"');
        if (!alarm.onMetricMath()) {
            // an alarm on metric math has no one statistic: its reason data names none, as CloudWatch's
            json.append(",\"statistic\":\"").append(alarm.statistic()).append('"');
        }
        json.append(",\"period\":").append(alarm.period())
                .append(",\"recentDatapoints\":[");
        for (int i = 0; i < recent.size(); i++) {
            json.append(i == 0 ? "" : ",").append(recent.get(i));
        }
        json.append("],\"threshold\":").append(alarm.threshold());
        if (!at.isEmpty()) {
            json.append(",\"startDate\":\"").append(DateTimeFormatter.ISO_INSTANT.format(at.get(at.size() - 1))).append('"');
        }
        return json.append('}').toString();
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) + ".0" : String.valueOf(v);
    }

    /** When an evaluation ran, from its reason data ({@code queryDate}); empty if it names none. */
    public static Optional<Instant> evaluated(String reasonData) {
        String key = "\"queryDate\":\"";
        int at = reasonData.indexOf(key);
        if (at < 0) {
            return Optional.empty();
        }
        int start = at + key.length();
        int end = reasonData.indexOf('"', start);
        try {
            return end < 0 ? Optional.empty() : Optional.of(Instant.parse(reasonData.substring(start, end)));
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The value of the most recent datapoint of an evaluation, from its reason data; empty if none. */
    public static Optional<Double> latestValue(String reasonData) {
        int at = reasonData.indexOf("\"recentDatapoints\":[");
        if (at < 0) {
            return Optional.empty();
        }
        int start = at + "\"recentDatapoints\":[".length();
        int end = reasonData.indexOf(']', start);
        String first = reasonData.substring(start, end).split(",")[0].strip();
        if (first.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Double.parseDouble(first));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
