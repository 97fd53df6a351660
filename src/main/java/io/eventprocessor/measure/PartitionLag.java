package io.eventprocessor.measure;

/**
 * How far a consumer group is behind on one partition, from the Admin API.
 *
 * @param committed the group's committed offset (the next record it will read)
 * @param end the partition's latest offset (log end)
 */
public record PartitionLag(String topic, int partition, long committed, long end) {
    public long lag() {
        return Math.max(0, end - committed);
    }
}
