package io.eventprocessor.measure;

import java.util.List;

/**
 * What one processor (a {@code processor_id} of the metric records) did in a run: the events whose first outcome it
 * published. A redelivery by another processor after a rebalance counts for whoever was first.
 *
 * @param currentEps its processed events whose T5 lies in the last second before the snapshot
 * @param averageEps its processed events over the run's window (first T0 to last T5 of all processed events), so the
 *                   instances' averages add up to {@link Throughput#averageEps()}
 * @param partitions the outbox partitions its records came from, ascending
 */
public record InstanceCounts(long processed, long deadLettered, double currentEps, double averageEps, List<Integer> partitions) {
    public InstanceCounts {
        partitions = List.copyOf(partitions);
    }
}
