package io.eventprocessor.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class GoalsTest {
    @Test
    void checksTheIssuesGoalsAtTheReferenceRateAndBurst() {
        Map<String, Boolean> met = Samples.result().goals().stream().collect(Collectors.toMap(BenchResult.Goal::name, BenchResult.Goal::met));
        // Samples: 200 events/s p50 4.2 / p99 12.6 / p99.9 25.2; 10k burst 12,500 events/s over a 14,000 ceiling (0.89); PSS 830 MB.
        assertThat(met).containsEntry("paced_200_end_to_end_p50", true)
                .containsEntry("paced_200_end_to_end_p99", true)
                .containsEntry("paced_200_end_to_end_p999", true)
                .containsEntry("burst_10k_throughput", true)
                .containsEntry("burst_10k_share_of_debezium_ceiling", true)
                .containsEntry("burst_10k_memory_pss", true);
    }

    @Test
    void aGoalWhoseFigureWasNotMeasuredIsNotMet() {
        BenchResult.Memory none = new BenchResult.Memory(0, 0, 0, 0, 10_000, 0, 200, 640);
        List<BenchResult.Goal> goals = Goals.evaluate(List.of(Samples.paced(500, 1)), List.of(), new Ratios(0, 0, 0), none);
        assertThat(goals).hasSize(6).noneMatch(BenchResult.Goal::met);
    }
}
