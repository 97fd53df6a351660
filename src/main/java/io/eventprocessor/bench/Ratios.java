package io.eventprocessor.bench;

/**
 * How far the pipeline is from its own floors. Each ratio is 0 when a figure it needs was not measured
 * (a zero denominator), never infinite or NaN, so the JSON always holds a number.
 *
 * @param latencyOverKafkaFloor end-to-end p50 at the reference rate over the Kafka-only p50 (1 = as fast as Kafka alone)
 * @param throughputOverDebeziumCeiling pipeline burst events/s over Debezium-to-Kafka events/s (1 = the processor costs nothing)
 * @param insertOverPipeline generator insert rate over pipeline burst events/s (above 1: the pipeline, not the generator, limits)
 */
public record Ratios(double latencyOverKafkaFloor, double throughputOverDebeziumCeiling, double insertOverPipeline) {

    public static Ratios compute(double endToEndP50Ms, double kafkaOnlyP50Ms, double pipelineEps, double debeziumOnlyEps, double insertEps) {
        return new Ratios(ratio(endToEndP50Ms, kafkaOnlyP50Ms), ratio(pipelineEps, debeziumOnlyEps), ratio(insertEps, pipelineEps));
    }

    /** a / b, or 0 when either is missing (not positive and finite). */
    static double ratio(double a, double b) {
        if (!(a > 0) || !(b > 0) || !Double.isFinite(a) || !Double.isFinite(b)) return 0;
        return a / b;
    }
}
