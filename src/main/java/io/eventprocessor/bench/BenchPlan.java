package io.eventprocessor.bench;

import java.util.List;

/**
 * What one benchmark run measures and with how many events.
 *
 * @param name "full" or "quick"
 * @param warmupBurstEvents events sent as a burst through the whole pipeline before anything is measured (JIT, pools)
 * @param warmupPacedEvents then this many paced at {@code warmupPacedRate}, also not measured
 * @param pacedRates events/s of the paced phases
 * @param pacedSeconds how long each paced phase sends (events = rate x seconds)
 * @param burstSizes events of each burst phase (first insert to last MongoDB acknowledgement)
 * @param kafkaRecords records of the Kafka-only closed loop (after {@code kafkaWarmupRecords} not counted)
 * @param kafkaRecordBytes value size of those records
 * @param kafkaToolRecords records of Kafka's own EndToEndLatency tool, run as a cross-check (0: not run)
 * @param debeziumOnlyEvents events of the Debezium-to-Kafka ceiling phase (processor stopped)
 * @param memoryBurst the burst size whose memory peak is reported separately (the goal's 10,000-event burst)
 * @param jitRounds after the warm-up, at most this many more paced rounds of {@link #JIT_ROUND_EVENTS} until the JIT
 *     compiler has settled (see {@link Benchmark}); 0: none
 */
public record BenchPlan(
        String name,
        int warmupBurstEvents,
        int warmupPacedEvents,
        double warmupPacedRate,
        List<Integer> pacedRates,
        double pacedSeconds,
        List<Integer> burstSizes,
        int kafkaWarmupRecords,
        int kafkaRecords,
        int kafkaRecordBytes,
        int kafkaToolRecords,
        int debeziumOnlyEvents,
        int memoryBurst,
        int jitRounds) {

    /** Events of one JIT-settling round, paced at {@code warmupPacedRate}. */
    public static final int JIT_ROUND_EVENTS = 1_000;

    public BenchPlan {
        pacedRates = List.copyOf(pacedRates);
        burstSizes = List.copyOf(burstSizes);
    }

    /**
     * The full run: 100, 200, 500, 1,000 events/s for 10 s each, bursts of 10k and 50k. Up to 30 JIT-settling
     * rounds: on 2 cores the compiler took about 90 s of traffic (20-25 rounds) to fall under 10% of the time.
     */
    public static BenchPlan full() {
        return new BenchPlan("full", 5_000, 2_000, 500, List.of(100, 200, 500, 1_000), 10, List.of(10_000, 50_000),
                1_000, 5_000, 800, 5_000, 10_000, 10_000, 30);
    }

    /**
     * Under a minute including start-up: the full run's first warm-up and 3 JIT-settling rounds, 200 and 1,000
     * events/s for 3 s, the 10k burst and the 10k Debezium-only ceiling (the goals' figures), a shorter Kafka-only
     * loop and no run of Kafka's tool. The JIT is less settled than in the full run, so the tails are longer.
     */
    public static BenchPlan quick() {
        return new BenchPlan("quick", 5_000, 1_000, 500, List.of(200, 1_000), 3, List.of(10_000),
                200, 500, 800, 0, 10_000, 10_000, 3);
    }

    /** A few hundred events, for the integration test of the pipeline (figures meaningless). */
    public static BenchPlan tiny() {
        return new BenchPlan("tiny", 50, 20, 200, List.of(200), 0.5, List.of(200), 20, 50, 800, 0, 200, 200, 0);
    }

    public int pacedEvents(int rate) {
        return Math.max(1, (int) Math.round(rate * pacedSeconds));
    }
}
