package io.eventprocessor.ui.model;

import io.eventprocessor.contract.Stage;
import io.eventprocessor.measure.StageSummary;
import io.eventprocessor.report.Report;

/**
 * One finished scenario in the run history, every figure taken from its {@link Report}, so that "10 vs 1,000 vs
 * 10,000" compares like with like.
 *
 * @param successRate percent of the generated events that were processed, as in the report
 */
public record RunSummary(int number, String scenario, long generated, long processed, double durationSeconds,
        double averageEps, double p50Ms, double p95Ms, double p99Ms, double successRate, boolean integrityMatch, Report report) {

    public static RunSummary of(int number, Report r) {
        StageSummary e2e = r.latencyMs().getOrDefault(Stage.END_TO_END.key(), StageSummary.EMPTY);
        if (e2e == null) e2e = StageSummary.EMPTY;
        return new RunSummary(number, r.scenario().name(), r.events().generated(), r.events().processed(), r.durationSeconds(),
                r.throughput().averageEps(), e2e.p50(), e2e.p95(), e2e.p99(), r.successRate(), r.integrity().match(), r);
    }
}
