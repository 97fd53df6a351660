package io.eventprocessor.ui.model;

import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.OptionalDouble;

/** How figures read on the wall: thousands separated, milliseconds with sensible precision. */
public final class Format {
    private Format() {}

    public static String count(long n) {
        return String.format(Locale.US, "%,d", n);
    }

    /** "0.84 ms", "12.3 ms", "156 ms", "1,204 ms". */
    public static String ms(double v) {
        return msFormat(v).format(v) + " ms";
    }

    /** The number of {@link #ms}, as a format (TilesFX formats its figures with one): more decimals for smaller values. */
    public static DecimalFormat msFormat(double v) {
        return decimal(v < 10 ? "#,##0.00" : v < 100 ? "#,##0.0" : "#,##0");
    }

    /** Events per second, whole and with thousands separated: "1,286". */
    public static String rate(double eps) {
        return rateFormat().format(eps);
    }

    /** The format of {@link #rate} (TilesFX formats its figures with one). */
    public static DecimalFormat rateFormat() {
        return decimal("#,##0");
    }

    /** A new format (they are not thread-safe) that rounds half up, as {@code String.format} does. */
    private static DecimalFormat decimal(String pattern) {
        DecimalFormat f = new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.US));
        f.setRoundingMode(RoundingMode.HALF_UP);
        return f;
    }

    public static String percent(OptionalDouble fraction) {
        if (fraction.isEmpty()) return "-";
        double p = fraction.getAsDouble() * 100;
        return p == 100 || p == 0 ? String.format(Locale.US, "%.0f%%", p) : String.format(Locale.US, "%.1f%%", p);
    }

    /** "3.2 s", "1 min 05 s". */
    public static String seconds(double s) {
        if (s < 60) return String.format(Locale.US, "%.1f s", s);
        long whole = Math.round(s);
        return String.format(Locale.US, "%d min %02d s", whole / 60, whole % 60);
    }

    /** "12 min", "1 h 05 min": how long the window has been up, changing once a minute (nothing to redraw in between). */
    public static String upFor(long seconds) {
        long minutes = seconds / 60;
        return minutes < 60 ? minutes + " min" : String.format(Locale.US, "%d h %02d min", minutes / 60, minutes % 60);
    }

}
