package io.eventprocessor.testing;

import io.eventprocessor.contract.EventTiming;
import io.eventprocessor.contract.MetricRecord;
import io.eventprocessor.contract.Names;
import java.util.UUID;

/** Hand-made metric records, as the processor would publish them. */
public final class MetricSamples {
    public static final long BASE_US = 1_780_000_000_000_000L;

    private MetricSamples() {}

    /** A processed event inserted at {@code t0} whose stages take the given microseconds. */
    public static MetricRecord processed(String id, String type, long t0, long cdc, long kafka, long wait, long processing) {
        long t1 = t0 + cdc, t2 = t1 + kafka, t3 = t2 + wait, t5 = t3 + processing;
        return new MetricRecord(id, type, UUID.randomUUID().toString(), MetricRecord.STATUS_PROCESSED, null, null,
                new EventTiming(t0, t1, t2, t3, t3 + processing / 4, t5), 0, 0, "test", null);
    }

    /** As {@link #processed}, by processor {@code processorId} from {@code partition}, with T2 from {@code t2Source}. */
    public static MetricRecord processedBy(String processorId, int partition, String t2Source, long t0, long endToEnd) {
        long t1 = t0 + endToEnd / 4, t2 = t1 + endToEnd / 4, t3 = t2 + endToEnd / 4, t5 = t0 + endToEnd;
        return new MetricRecord(id(), Names.USER_CREATED, UUID.randomUUID().toString(), MetricRecord.STATUS_PROCESSED, null, null,
                new EventTiming(t0, t1, t2, t3, t3, t5), partition, 0, processorId, null, t2Source);
    }

    public static MetricRecord deadLettered(String id, String type) {
        return new MetricRecord(id, type, null, MetricRecord.STATUS_DEAD_LETTERED, "invalid_payload", "missing email",
                null, 0, 0, "test", "missing email");
    }

    public static String id() {
        return UUID.randomUUID().toString();
    }

    public static String type(int i) {
        return Names.EVENT_TYPES.get(i % Names.EVENT_TYPES.size());
    }
}
