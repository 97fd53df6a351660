package io.eventprocessor.processor;

/**
 * Exact counts since the processor started, taken after each committed poll.
 *
 * @param processed events written to MongoDB and committed
 * @param deadLettered events sent to the dead-letter topic and committed
 * @param skipped records that carried no event (tombstones, heartbeats, deletes, snapshot reads)
 * @param polls non-empty polls committed
 * @param retries polls that failed (MongoDB or Kafka unavailable) and were re-read from their first offset
 */
public record ProcessorCounters(long processed, long deadLettered, long skipped, long polls, long retries) {
    /** The events that did not reach the read models. */
    public long failed() {
        return deadLettered;
    }
}
