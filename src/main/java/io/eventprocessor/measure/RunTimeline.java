package io.eventprocessor.measure;

import java.util.Arrays;

/**
 * T0 and T5 of every processed event of one run (the events registered with the collector, so as many as the run
 * sent), in arrival order: what the exact peak throughput and the fault figures (which events a fault held up, when
 * the first event inserted after it reached MongoDB) are computed from.
 */
public final class RunTimeline {
    private long[] t0 = new long[1024];
    private long[] t5 = new long[1024];
    private int size;

    synchronized void add(long t0Us, long t5Us) {
        if (size == t0.length) {
            t0 = Arrays.copyOf(t0, size * 2);
            t5 = Arrays.copyOf(t5, size * 2);
        }
        t0[size] = t0Us;
        t5[size] = t5Us;
        size++;
    }

    public synchronized int size() {
        return size;
    }

    /** The earliest T5 of an event inserted (T0) at or after {@code fromUs}; -1 when there is none. */
    public synchronized long firstT5InsertedFrom(long fromUs) {
        long first = -1;
        for (int i = 0; i < size; i++) {
            if (t0[i] >= fromUs && (first < 0 || t5[i] < first)) first = t5[i];
        }
        return first;
    }

    /** Events inserted before {@code insertedBeforeUs} and acknowledged by MongoDB after {@code ackedAfterUs}. */
    public synchronized long countInFlight(long ackedAfterUs, long insertedBeforeUs) {
        long n = 0;
        for (int i = 0; i < size; i++) if (t0[i] < insertedBeforeUs && t5[i] > ackedAfterUs) n++;
        return n;
    }

    /**
     * The highest rate within a window sliding over the T5s: the window is the run's span (first T0 to last T5) divided
     * into the fewest equal parts of at most one second, so the parts tile the span exactly and the busiest of them holds
     * at least the average; the sliding window finds a busier one where there is one. So a finished run's peak is never
     * below its average, and a run shorter than a second has a peak equal to its average.
     */
    synchronized double peakEps(long firstT0Us, long lastT5Us) {
        if (size == 0) return 0;
        long span = lastT5Us - firstT0Us;
        if (span <= 0) return size;
        long parts = (span + 999_999) / 1_000_000;
        double width = span / (double) parts;
        long[] sorted = Arrays.copyOf(t5, size);
        Arrays.sort(sorted);
        int most = 0;
        for (int i = 0, j = 0; i < size; i++) {
            while (j < size && sorted[j] - sorted[i] <= width) j++;
            most = Math.max(most, j - i);
        }
        return most * 1_000_000.0 / width;
    }
}
