package berth.aws.text;

import java.time.DayOfWeek;
import java.time.ZonedDateTime;
import java.util.BitSet;
import java.util.Locale;

/**
 * The six-field cron of AWS schedules: minutes, hours, day of month, month, day of week, year, with
 * {@code *}, {@code ?}, lists, ranges, {@code /} steps, month names (JAN) and day names (SUN=1 .. SAT=7),
 * and {@code L} for the last day of the month.
 */
public record CronExpression(BitSet minutes, BitSet hours, BitSet days, boolean lastDay, BitSet months, BitSet weekdays,
                             BitSet years, boolean anyDay, boolean anyWeekday) {
    private static final String[] MONTHS = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
    private static final String[] DAYS = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};

    public static CronExpression parse(String text) {
        String[] f = text.strip().split("\\s+");
        if (f.length != 6) {
            throw new IllegalArgumentException("a cron expression has six fields");
        }
        boolean lastDay = f[2].equals("L");
        boolean anyDay = f[2].equals("?") || f[2].equals("*");
        boolean anyWeekday = f[4].equals("?") || f[4].equals("*");
        return new CronExpression(field(f[0], 0, 59, null), field(f[1], 0, 23, null),
                lastDay ? new BitSet() : field(f[2], 1, 31, null), lastDay, field(f[3], 1, 12, MONTHS),
                field(f[4], 1, 7, DAYS), field(f[5], 1970, 2199, null), anyDay && !lastDay, anyWeekday);
    }

    private static BitSet field(String text, int min, int max, String[] names) {
        BitSet bits = new BitSet();
        for (String part : text.split(",")) {
            int step = 1;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                step = Integer.parseInt(part.substring(slash + 1));
                part = part.substring(0, slash);
                if (step < 1) throw new IllegalArgumentException("bad step");
            }
            int from;
            int to;
            if (part.equals("*") || part.equals("?")) {
                from = min;
                to = max;
            } else if (part.contains("-")) {
                String[] range = part.split("-", 2);
                from = value(range[0], names, min);
                to = value(range[1], names, min);
            } else {
                from = value(part, names, min);
                to = slash >= 0 ? max : from;
            }
            if (from < min || to > max || from > to) {
                throw new IllegalArgumentException("value out of range in " + text);
            }
            for (int v = from; v <= to; v += step) bits.set(v);
        }
        return bits;
    }

    private static int value(String text, String[] names, int min) {
        if (names != null) {
            for (int i = 0; i < names.length; i++) {
                if (names[i].equals(text.toUpperCase(Locale.ROOT))) return i + min;
            }
        }
        return Integer.parseInt(text);
    }

    public boolean matches(ZonedDateTime t) {
        if (!minutes.get(t.getMinute()) || !hours.get(t.getHour()) || !months.get(t.getMonthValue())
                || !years.get(t.getYear())) {
            return false;
        }
        int weekday = t.getDayOfWeek() == DayOfWeek.SUNDAY ? 1 : t.getDayOfWeek().getValue() + 1;
        boolean dayOk = lastDay ? t.getDayOfMonth() == t.toLocalDate().lengthOfMonth() : days.get(t.getDayOfMonth());
        if (anyDay && anyWeekday) return true;
        if (anyDay) return weekdays.get(weekday);
        if (anyWeekday) return dayOk;
        return dayOk && weekdays.get(weekday);
    }
}
