package io.eventprocessor.cdc;

import io.debezium.pipeline.ChangeEventSourceCoordinator;
import io.debezium.pipeline.meters.CommonEventMeter;
import io.debezium.pipeline.meters.StreamingMeter;
import io.debezium.pipeline.metrics.DefaultStreamingChangeEventSourceMetrics;
import io.debezium.pipeline.metrics.PipelineMetrics;
import io.debezium.pipeline.source.spi.EventMetadataProvider;
import io.debezium.pipeline.spi.OffsetContext;
import io.debezium.pipeline.txmetadata.TransactionInfo;
import io.debezium.spi.schema.DataCollectionId;
import java.lang.reflect.Field;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Debezium's streaming metrics without their two costs per change event, which sit on the streaming thread, the first
 * stage every event passes. The embedded relay's JMX metrics are read by no one (the pipeline measures its own lag from
 * the events' timestamps), so:
 * <ul>
 *   <li>the last-event summary ({@code LastEvent}) is the event's table. Debezium formats the event's key and value
 *       through a Jackson {@code ObjectMapper} it builds anew each time: a fifth of the streaming thread's CPU, and a
 *       ninth of everything the stack's JVM allocates during a run;</li>
 *   <li>the lag behind the source ({@code MilliSecondsBehindSource}) is not measured: Debezium hands every event's lag
 *       to a queue whose publisher thread it wakes each time, a tenth of the streaming thread's CPU in the wake-ups
 *       alone, and a thread switch per event on two cores. The publisher thread is stopped.</li>
 * </ul>
 * Every other figure (events seen, transactions, source position) is Debezium's own. Installed by the relay's task once
 * the streaming source exists; Kafka Connect's connector keeps Debezium's metrics.
 */
final class LeanStreamingMetrics implements EventMetadataProvider {
    private static final Logger log = LoggerFactory.getLogger(LeanStreamingMetrics.class);
    /** The fields that lead from the coordinator to the meters' providers; Debezium has no setting for them. */
    static final String METRICS = "streamingMetrics";
    static final String COMMON_METER = "commonEventMeter";
    static final String STREAMING_METER = "streamingMeter";
    static final String PROVIDER = "metadataProvider";

    private final EventMetadataProvider debezium;

    private LeanStreamingMetrics(EventMetadataProvider debezium) {
        this.debezium = debezium;
    }

    @Override
    public String toSummaryString(DataCollectionId source, OffsetContext offset, Object key, Struct value) {
        return source == null ? null : source.toString();
    }

    /** None: the streaming meter measures the lag behind the source only for an event with a timestamp. */
    @Override
    public Instant getEventTimestamp(DataCollectionId source, OffsetContext offset, Object key, Struct value) {
        return null;
    }

    @Override
    public Map<String, String> getEventSourcePosition(DataCollectionId source, OffsetContext offset, Object key, Struct value) {
        return debezium.getEventSourcePosition(source, offset, key, value);
    }

    @Override
    public String getTransactionId(DataCollectionId source, OffsetContext offset, Object key, Struct value) {
        return debezium.getTransactionId(source, offset, key, value);
    }

    @Override
    public TransactionInfo getTransactionInfo(DataCollectionId source, OffsetContext offset, Object key, Struct value) {
        return debezium.getTransactionInfo(source, offset, key, value);
    }

    /** Makes the streaming metrics of {@code coordinator} lean (once they exist); a warning if it cannot. */
    static void install(ChangeEventSourceCoordinator<?, ?> coordinator) {
        try {
            Object metrics = field(ChangeEventSourceCoordinator.class, METRICS).get(coordinator);
            if (metrics instanceof PipelineMetrics<?> pipeline) install((CommonEventMeter) field(PipelineMetrics.class, COMMON_METER).get(pipeline));
            if (metrics instanceof DefaultStreamingChangeEventSourceMetrics<?> streaming) {
                install((StreamingMeter) field(DefaultStreamingChangeEventSourceMetrics.class, STREAMING_METER).get(streaming));
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.warn("Debezium's streaming metrics keep summarising every change event and measuring its lag ({})", e.toString());
        }
    }

    /** Puts the table as the summary in {@code meter}. */
    static void install(CommonEventMeter meter) throws ReflectiveOperationException {
        lean(CommonEventMeter.class, meter);
    }

    /** Stops {@code meter} measuring each event's lag, and its publisher thread. */
    static void install(StreamingMeter meter) throws ReflectiveOperationException {
        if (lean(StreamingMeter.class, meter)) meter.stop();
    }

    /** Wraps the provider of {@code meter}; false if it was already. */
    private static boolean lean(Class<?> owner, Object meter) throws ReflectiveOperationException {
        Field provider = field(owner, PROVIDER);
        Object current = provider.get(meter);
        if (current instanceof LeanStreamingMetrics) return false;
        provider.set(meter, new LeanStreamingMetrics((EventMetadataProvider) current));
        return true;
    }

    private static Field field(Class<?> owner, String name) throws NoSuchFieldException {
        Field f = owner.getDeclaredField(name);
        f.setAccessible(true);
        return f;
    }
}
