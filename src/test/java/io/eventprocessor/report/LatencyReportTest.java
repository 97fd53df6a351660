package io.eventprocessor.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventprocessor.contract.Stage;
import io.eventprocessor.measure.LatencyStats;
import io.eventprocessor.measure.StageSummary;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LatencyReportTest {
    private static StageSummary uniformMs(int from, int to) {
        LatencyStats s = new LatencyStats();
        for (int ms = from; ms <= to; ms++) s.recordMicros(ms * 1000L);
        return s.summary();
    }

    @Test
    void assessesEachTargetWithItsFigure() {
        Map<String, StageSummary> latency = new LinkedHashMap<>();
        latency.put(Stage.END_TO_END.key(), uniformMs(1, 210)); // p50 ~105, p95 ~200, p99 ~208
        latency.put(Stage.PROCESSING.key(), uniformMs(1, 10));
        String text = LatencyReport.render(latency);

        assertThat(text).contains("LATENCY ANALYSIS REPORT").contains("Total Measurements: 210");
        assertThat(text).containsPattern("(?m)^  P99\\.9:\\s+\\d+\\.\\d\\d ms$");
        assertThat(text).containsPattern("(?m)^TARGET P50 < 30 ms: FAIL \\(105\\.\\d\\d ms\\)$");
        assertThat(text).containsPattern("(?m)^TARGET P95 < 100 ms: FAIL \\(\\d+\\.\\d\\d ms\\)$");
        assertThat(text).containsPattern("(?m)^TARGET P99 < 200 ms: FAIL \\(20\\d\\.\\d\\d ms\\)$");
        assertThat(text).containsPattern("(?m)^TARGETS FAIL$");
        assertThat(text).containsPattern("(?m)^STAGE stage=end_to_end count=210 min=1\\.000 .* clamped=0$");
        assertThat(text).containsPattern("(?m)^STAGE stage=processing count=10 ");
    }

    @Test
    void passesWhenAllTargetsAreMet() {
        StageSummary fast = uniformMs(1, 20);
        assertThat(LatencyReport.assess(fast)).allMatch(LatencyReport.Assessment::pass);
        String text = LatencyReport.render(Map.of(Stage.END_TO_END.key(), fast));
        assertThat(text).containsPattern("(?m)^TARGET P50 < 30 ms: PASS \\(10\\.\\d\\d ms\\)$").containsPattern("(?m)^TARGETS PASS$");
    }

    @Test
    void noDataFailsRatherThanPasses() {
        String text = LatencyReport.render(Map.of());
        assertThat(text).contains("No latency data available").contains("TARGET P50 < 30 ms: FAIL (no data)").contains("TARGETS FAIL");
    }
}
