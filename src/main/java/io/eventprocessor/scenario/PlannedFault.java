package io.eventprocessor.scenario;

import io.eventprocessor.stack.Fault;
import java.time.Duration;
import java.util.Locale;

/**
 * A fault to inject during a run: which, when (after the run's first insert), and how long the part stays down.
 * Written {@code KIND@AT} or {@code KIND@AT/DOWN}, e.g. {@code processor-crash@3s}, {@code mongodb-pause@2s/10s},
 * {@code poison@500ms}; a time is a number of seconds or milliseconds with {@code s} or {@code ms}.
 */
public record PlannedFault(Fault fault, Duration at, Duration down) {
    public PlannedFault {
        if (at.isNegative() || down.isNegative()) throw new IllegalArgumentException("a fault's times cannot be negative");
    }

    public static PlannedFault parse(String text) {
        String t = text == null ? "" : text.trim();
        int atSign = t.indexOf('@');
        if (atSign < 0) {
            throw new IllegalArgumentException("'" + text + "' has no time: write KIND@AT, e.g. processor-crash@3s or mongodb-pause@2s/10s (kinds: "
                    + Fault.keys() + ")");
        }
        Fault fault = Fault.parse(t.substring(0, atSign));
        String when = t.substring(atSign + 1);
        int slash = when.indexOf('/');
        Duration at = duration(slash < 0 ? when : when.substring(0, slash), text);
        Duration down = slash < 0 ? fault.defaultDuration() : duration(when.substring(slash + 1), text);
        return new PlannedFault(fault, at, down);
    }

    /** {@code 3s}, {@code 1.5s}, {@code 500ms}, {@code 3} (seconds). */
    static Duration duration(String s, String whole) {
        String v = s.trim().toLowerCase(Locale.ROOT);
        try {
            double amount;
            if (v.endsWith("ms")) amount = Double.parseDouble(v.substring(0, v.length() - 2)) / 1000.0;
            else if (v.endsWith("s")) amount = Double.parseDouble(v.substring(0, v.length() - 1));
            else amount = Double.parseDouble(v);
            if (amount < 0 || !Double.isFinite(amount)) throw new NumberFormatException();
            return Duration.ofMillis(Math.round(amount * 1000));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + s + "' in '" + whole + "' is not a time: use e.g. 3s, 1.5s or 500ms");
        }
    }

    @Override
    public String toString() {
        return fault.key() + "@" + at.toMillis() + "ms" + (down.isZero() ? "" : "/" + down.toMillis() + "ms");
    }
}
