package io.eventprocessor.cdc;

import io.debezium.pipeline.ChangeEventSourceCoordinator;
import io.debezium.pipeline.meters.CommonEventMeter;
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
 * The last-event figure of Debezium's streaming metrics, made cheap. For every change event Debezium keeps a summary of
 * it for JMX ({@code LastEvent}), formatting the event's key and value through a Jackson {@code ObjectMapper} it builds
 * anew each time: a fifth of the streaming thread's CPU, on the path of every change, and a ninth of everything the
 * stack's JVM allocates during a run. The embedded relay's metrics are read by no one, so its summary is the event's table
 * alone; every other figure is Debezium's own.
 */
final class LastEventSummary implements EventMetadataProvider {
    private static final Logger log = LoggerFactory.getLogger(LastEventSummary.class);
    /** The fields that lead from the coordinator to the summary's maker; Debezium has no setting for it. */
    static final String METRICS = "streamingMetrics";
    static final String METER = "commonEventMeter";
    static final String PROVIDER = "metadataProvider";

    private final EventMetadataProvider debezium;

    private LastEventSummary(EventMetadataProvider debezium) {
        this.debezium = debezium;
    }

    @Override
    public String toSummaryString(DataCollectionId source, OffsetContext offset, Object key, Struct value) {
        return source == null ? null : source.toString();
    }

    @Override
    public Instant getEventTimestamp(DataCollectionId source, OffsetContext offset, Object key, Struct value) {
        return debezium.getEventTimestamp(source, offset, key, value);
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

    /** Puts the cheap summary in the streaming metrics of {@code coordinator} (once they exist); a warning if it cannot. */
    static void install(ChangeEventSourceCoordinator<?, ?> coordinator) {
        try {
            Object metrics = field(ChangeEventSourceCoordinator.class, METRICS).get(coordinator);
            if (metrics instanceof PipelineMetrics<?> pipeline) install((CommonEventMeter) field(PipelineMetrics.class, METER).get(pipeline));
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.warn("Debezium's streaming metrics keep formatting a summary of every change event ({})", e.toString());
        }
    }

    /** Puts the cheap summary in {@code meter}. */
    static void install(CommonEventMeter meter) throws ReflectiveOperationException {
        Field provider = field(CommonEventMeter.class, PROVIDER);
        Object current = provider.get(meter);
        if (!(current instanceof LastEventSummary)) provider.set(meter, new LastEventSummary((EventMetadataProvider) current));
    }

    private static Field field(Class<?> owner, String name) throws NoSuchFieldException {
        Field f = owner.getDeclaredField(name);
        f.setAccessible(true);
        return f;
    }
}
