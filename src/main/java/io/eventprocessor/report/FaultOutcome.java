package io.eventprocessor.report;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One fault injected during a run, and what it did (docs/report.md, "faults"). Every figure is measured: from the run's
 * per-event T0/T5, the verifier and the dead-letter topic.
 *
 * @param kind the fault, e.g. {@code processor-crash}
 * @param injectedAt when it took effect
 * @param recoveredAfterMs from {@code injectedAt} to the first MongoDB acknowledgement of an event inserted after it: the
 *     whole pipeline carries new events again; null when no event of the run was inserted after the fault
 * @param eventsDelayed events inserted before that recovery and acknowledged after the injection: those the fault held up
 *     or that were in flight across it
 * @param eventsLost events of the run found in no read model at the end (the whole run's, whatever fault caused it)
 * @param eventsDuplicated events applied to the read models more than once (the whole run's)
 * @param eventsRedelivered events whose processing was reported more than once: delivered again (at least once), applied once
 * @param detail what was done, in a sentence
 * @param poison for injected poison: per failure kind, how many were injected and how many reached the dead-letter topic
 */
public record FaultOutcome(String kind, Instant injectedAt, Double recoveredAfterMs, long eventsDelayed, long eventsLost,
        long eventsDuplicated, long eventsRedelivered, String detail, Map<String, PoisonCount> poison) {

    public FaultOutcome {
        poison = Collections.unmodifiableMap(new LinkedHashMap<>(poison));
    }

    public record PoisonCount(long injected, long deadLettered) {}
}
