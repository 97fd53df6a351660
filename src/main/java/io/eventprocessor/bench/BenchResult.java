package io.eventprocessor.bench;

import io.eventprocessor.measure.MachineProbe.Machine;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one benchmark run measured; {@link BenchJson} writes it with the field names of docs/bench.schema.json and
 * {@link BenchTable} prints it. Times in milliseconds unless a name says otherwise.
 */
public record BenchResult(
        String mode,
        String startedAt,
        List<Paced> paced,
        List<Burst> burst,
        Floors floors,
        Ratios ratios,
        Memory memory,
        double startupSeconds,
        Map<String, Double> startupParts,
        int cores,
        Machine machine,
        Map<String, String> versions,
        String warmup,
        List<Goal> goals,
        List<String> notes,
        Optional<StageBench.Result> stage) {

    /** This result with the presenter's path measured beside it. */
    public BenchResult withStage(StageBench.Result s) {
        return new BenchResult(mode, startedAt, paced, burst, floors, ratios, memory, startupSeconds, startupParts, cores, machine, versions,
                warmup, goals, notes, Optional.of(s));
    }

    public BenchResult {
        paced = List.copyOf(paced);
        burst = List.copyOf(burst);
        goals = List.copyOf(goals);
        notes = List.copyOf(notes);
    }

    /**
     * One paced phase.
     *
     * @param achievedEps events inserted over the send window (below {@code rateEps} when the sender fell behind)
     * @param stages per stage (cdc_capture, kafka_delivery, consumer_wait, processing, end_to_end)
     * @param complete every event processed and the read models matched the outbox
     */
    public record Paced(int rateEps, int events, double achievedEps, Percentiles endToEnd, Percentiles endToEndFromIntended,
            Map<String, Percentiles> stages, boolean complete) {
        public Paced {
            stages = Collections.unmodifiableMap(new LinkedHashMap<>(stages));
        }
    }

    /**
     * One burst: first insert to the last MongoDB acknowledgement.
     *
     * @param insertEps the generator's insert rate during this burst (the pipeline ran meanwhile)
     */
    public record Burst(int events, double throughputEps, double durationSeconds, double insertEps, Percentiles endToEnd,
            boolean complete) {}

    /**
     * The floors measured on the same stack in the same run.
     *
     * @param kafkaOnlyMethod how the Kafka-only figure was measured (equivalent loop, records, size, acks)
     * @param kafkaTool Kafka's own EndToEndLatency on the same broker, as a cross-check
     * @param insertEps the generator's insert rate (burst of {@code debeziumOnlyEvents}, processor stopped)
     * @param debeziumOnlyEps first insert to the last record read from the outbox topic, processor stopped
     */
    public record Floors(double kafkaOnlyP50Ms, double kafkaOnlyP99Ms, double kafkaOnlyP999Ms, double kafkaOnlyMeanMs,
            long kafkaOnlyRecords, String kafkaOnlyMethod, KafkaTool.Result kafkaTool, double insertEps, double debeziumOnlyEps, int debeziumOnlyEvents,
            double debeziumOnlySeconds) {}

    /**
     * Memory of the stack's JVM (which also runs the processor and the bench itself) plus PostgreSQL.
     *
     * @param peakRssMb highest summed RSS over the whole run (counts PostgreSQL's shared memory once per backend)
     * @param peakPssMb highest summed PSS over the whole run (shared pages divided among sharers: the honest total)
     * @param burstPeakRssMb highest RSS while the reference burst ran
     * @param burstPeakPssMb highest PSS while the reference burst ran
     */
    public record Memory(long peakRssMb, long peakPssMb, long burstPeakRssMb, long burstPeakPssMb, int burstEvents,
            long samples, long sampleIntervalMs, long maxHeapMb) {}

    /** One goal of the benchmark, measured. */
    public record Goal(String name, String target, double measured, String unit, boolean met) {}
}
