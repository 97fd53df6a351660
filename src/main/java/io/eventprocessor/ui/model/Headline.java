package io.eventprocessor.ui.model;

/**
 * What one figure on a tile reads: the value (a dash when it does not exist yet), its unit, a line under it saying
 * what the value is, and the colour it may claim ({@link LatencyLevel#NONE}: grey, nothing measured or nothing to judge).
 */
public record Headline(String value, String unit, String caption, LatencyLevel level) {
    /** What a tile shows for a figure that does not exist yet. */
    public static final String NONE = "\u2014";

    public static Headline none(String unit, String caption) {
        return new Headline(NONE, unit, caption, LatencyLevel.NONE);
    }

    /** True when the value is a measurement, false for the dash. */
    public boolean measured() {
        return !NONE.equals(value);
    }
}
