package io.eventprocessor.scenario;

import io.eventprocessor.config.Settings;
import io.eventprocessor.contract.Clock;
import io.eventprocessor.contract.FailureKind;
import io.eventprocessor.measure.RunTimeline;
import io.eventprocessor.measure.Snapshot;
import io.eventprocessor.report.FaultOutcome;
import io.eventprocessor.verify.IntegrityResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What each fault of a run did, measured once the run is over (docs/report.md, "faults"). */
final class FaultFigures {
    /** How long the count of a run's poison in the dead-letter topic waits for the last of it. */
    private static final Duration DLQ_WAIT = Duration.ofSeconds(30);

    private FaultFigures() {}

    static List<FaultOutcome> of(List<FaultSchedule.Done> faults, RunTimeline timeline, IntegrityResult integrity, Snapshot last,
            Settings settings) throws Exception {
        List<FaultOutcome> out = new ArrayList<>();
        for (FaultSchedule.Done d : faults) {
            if (d.injection() == null) {
                out.add(new FaultOutcome(d.planned().fault().key(), Instant.now(), null, 0, integrity.missingEventCount(),
                        integrity.duplicatedEventCount(), last.duplicates(), "not injected: " + d.failure(), Map.of()));
                continue;
            }
            long injectedUs = Clock.toMicros(d.injection().injectedAt());
            long recoveredT5 = timeline.firstT5InsertedFrom(injectedUs);
            Double recoveredAfterMs = recoveredT5 < 0 ? null : (recoveredT5 - injectedUs) / 1000.0;
            long delayed = timeline.countInFlight(injectedUs, recoveredT5 < 0 ? Long.MAX_VALUE : recoveredT5);
            Map<String, FaultOutcome.PoisonCount> poison = new LinkedHashMap<>();
            if (d.poison() != null) {
                Map<FailureKind, Long> arrived = d.poison().countDeadLetters(settings, d.injection().injectedAt().minusSeconds(1), DLQ_WAIT);
                d.poison().expected().forEach((kind, n) -> poison.put(kind.key(), new FaultOutcome.PoisonCount(n, arrived.getOrDefault(kind, 0L))));
            }
            out.add(new FaultOutcome(d.injection().fault().key(), d.injection().injectedAt(), recoveredAfterMs, delayed,
                    integrity.missingEventCount(), integrity.duplicatedEventCount(), last.duplicates(), d.injection().detail(), poison));
        }
        return out;
    }
}
