package io.eventprocessor.ui.model;

import io.eventprocessor.report.LatencyReport;
import java.util.Locale;

/**
 * How a latency figure compares with the target for its percentile ({@link LatencyReport#TARGETS}):
 * below the target is {@link #GOOD} (green), up to twice the target {@link #WARN} (yellow, degraded), beyond that
 * {@link #BAD} (red). With nothing measured there is no colour to claim: {@link #NONE}.
 */
public enum LatencyLevel {
    NONE, GOOD, WARN, BAD;

    /** How far past its target a percentile may go and still count as degraded rather than failing. */
    public static final double WARN_FACTOR = 2.0;

    public static LatencyLevel of(double valueMs, double targetMs, boolean measured) {
        if (!measured) return NONE;
        if (valueMs < targetMs) return GOOD;
        if (valueMs < targetMs * WARN_FACTOR) return WARN;
        return BAD;
    }

    /** The CSS pseudo-class that shows this level (":good", ":warn", ":bad"); null for none. */
    public String pseudoClass() {
        return this == NONE ? null : name().toLowerCase(Locale.ROOT);
    }
}
