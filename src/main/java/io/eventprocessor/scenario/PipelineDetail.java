package io.eventprocessor.scenario;

import io.eventprocessor.measure.PartitionLag;
import java.util.List;
import java.util.Map;

/**
 * What each part of the pipeline holds now, for a face that shows one part in detail. A part that could not be read
 * keeps its "unknown" value (-1, empty) and says why in {@link #problems}.
 *
 * @param outboxRows rows in the outbox table; -1 when unknown
 * @param slotLagBytes bytes of WAL the replication slot holds back (how far Debezium's confirmed position is behind
 *                     the database); -1 when unknown or there is no slot
 * @param partitions the processor group's committed offset and log end per partition of the topics it reads
 * @param documents documents per read-model collection
 * @param problems one line per part that could not be read
 */
public record PipelineDetail(long outboxRows, long slotLagBytes, List<PartitionLag> partitions, Map<String, Long> documents,
        List<String> problems) {

    public PipelineDetail {
        partitions = List.copyOf(partitions);
        documents = Map.copyOf(documents);
        problems = List.copyOf(problems);
    }

    /** The group's lag summed over its partitions. */
    public long totalLag() {
        return partitions.stream().mapToLong(PartitionLag::lag).sum();
    }
}
