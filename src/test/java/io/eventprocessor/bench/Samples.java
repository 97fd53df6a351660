package io.eventprocessor.bench;

import io.eventprocessor.contract.Stage;
import io.eventprocessor.measure.MachineProbe.Machine;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A bench result with made-up figures, for the pure tests. */
final class Samples {
    private Samples() {}

    static BenchResult.Paced paced(int rate, double p50) {
        Map<String, Percentiles> stages = new LinkedHashMap<>();
        for (Stage s : Stage.values()) stages.put(s.key(), new Percentiles(rate * 10L, p50 / 4, p50, p50 * 2));
        stages.put(Stage.END_TO_END.key(), new Percentiles(rate * 10L, p50, p50 * 3, p50 * 6));
        return new BenchResult.Paced(rate, rate * 10, rate * 0.99, stages.get(Stage.END_TO_END.key()),
                new Percentiles(rate * 10L, p50 + 0.5, p50 * 3 + 1, p50 * 6 + 2), stages, true);
    }

    static BenchResult result() {
        List<BenchResult.Paced> paced = List.of(paced(100, 3.9), paced(200, 4.2), paced(500, 5.1), paced(1_000, 7.3));
        List<BenchResult.Burst> bursts = List.of(
                new BenchResult.Burst(10_000, 12_500, 0.8, 40_000, new Percentiles(10_000, 300, 600, 700), true),
                new BenchResult.Burst(50_000, 11_000, 4.545, 38_000, new Percentiles(50_000, 2_000, 4_000, 4_400), true));
        BenchResult.Floors floors = new BenchResult.Floors(0.9, 5.5, 13.2, 1.1, 5_000, "equivalent loop", new KafkaTool.Result(1.2, 1, 6, 14, 5_000, "the tool"), 40_000, 14_000, 10_000, 0.714);
        Ratios ratios = Ratios.compute(4.2, 0.9, 12_500, 14_000, 40_000);
        BenchResult.Memory memory = new BenchResult.Memory(1_100, 850, 1_050, 830, 10_000, 900, 200, 640);
        return new BenchResult("full", "2026-01-01T00:00:00Z", paced, bursts, floors, ratios, memory, 6.2,
                Map.of("postgresql", 2.0, "kafka", 3.0), 2, new Machine("AMD EPYC", 21.0, 1.4, 640.0), Map.of("java", "17", "kafka", "4.3.1", "debezium", "3.6.1.Final",
                        "postgresql", "18.4", "mongodb", "5.0.0"), "burst of 5000", Goals.evaluate(paced, bursts, ratios, memory), List.of("a note"), Optional.empty());
    }
}
