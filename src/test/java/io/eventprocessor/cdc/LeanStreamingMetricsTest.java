package io.eventprocessor.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import io.debezium.config.Configuration;
import io.debezium.connector.postgresql.PostgresConnectorConfig;
import io.debezium.data.Envelope;
import io.debezium.pipeline.ChangeEventSourceCoordinator;
import io.debezium.pipeline.meters.CommonEventMeter;
import io.debezium.pipeline.meters.StreamingMeter;
import io.debezium.pipeline.metrics.DefaultStreamingChangeEventSourceMetrics;
import io.debezium.pipeline.metrics.PipelineMetrics;
import io.debezium.pipeline.source.spi.EventMetadataProvider;
import io.debezium.pipeline.spi.OffsetContext;
import io.debezium.relational.TableId;
import io.debezium.spi.schema.DataCollectionId;
import io.debezium.util.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

class LeanStreamingMetricsTest {
    private static final TableId OUTBOX = new TableId("activity_db", "activity", "event_outbox");

    /** Debezium's provider, which formats a summary of every event; here it counts how often it is asked. */
    private static final class Formatting implements EventMetadataProvider {
        int summaries;
        int timestamps;

        @Override
        public String toSummaryString(DataCollectionId source, OffsetContext offset, Object key, Struct value) {
            summaries++;
            return "a formatted summary";
        }

        @Override
        public Instant getEventTimestamp(DataCollectionId source, OffsetContext offset, Object key, Struct value) {
            timestamps++;
            return Instant.now().minusSeconds(3);
        }

        @Override
        public Map<String, String> getEventSourcePosition(DataCollectionId source, OffsetContext offset, Object key, Struct value) {
            return Map.of("lsn", "42");
        }

        @Override
        public String getTransactionId(DataCollectionId source, OffsetContext offset, Object key, Struct value) {
            return "7";
        }
    }

    @Test
    void theMeterKeepsTheTableInsteadOfFormattingTheEvent() throws Exception {
        Formatting debezium = new Formatting();
        CommonEventMeter meter = new CommonEventMeter(Clock.system(), debezium);
        meter.onEvent(OUTBOX, null, null, null, Envelope.Operation.CREATE);
        assertThat(meter.getLastEvent()).isEqualTo("a formatted summary");

        LeanStreamingMetrics.install(meter);
        LeanStreamingMetrics.install(meter); // once is enough; a second install keeps the first
        meter.onEvent(OUTBOX, null, null, null, Envelope.Operation.CREATE);

        assertThat(meter.getLastEvent()).isEqualTo(OUTBOX.toString());
        assertThat(debezium.summaries).isEqualTo(1);
        assertThat(meter.getTotalNumberOfEventsSeen()).isEqualTo(2);
        assertThat(meter.getTotalNumberOfCreateEventsSeen()).isEqualTo(2);
    }

    @Test
    void theStreamingMeterNoLongerAsksForEachEventsLagButKeepsItsPosition() throws Exception {
        Formatting debezium = new Formatting();
        var config = new PostgresConnectorConfig(Configuration.from(Map.of("topic.prefix", "postgres")));
        StreamingMeter meter = new StreamingMeter(config, () -> List.of(OUTBOX), debezium);
        meter.start();
        meter.onEvent(OUTBOX, null, null, null);
        assertThat(debezium.timestamps).isEqualTo(1);

        LeanStreamingMetrics.install(meter);
        LeanStreamingMetrics.install(meter);
        meter.onEvent(OUTBOX, null, null, null);
        meter.onEvent(OUTBOX, null, null, null);

        assertThat(debezium.timestamps).isEqualTo(1);
        assertThat(meter.getSourceEventPosition()).containsEntry("lsn", "42");
        assertThat(meter.getLastTransactionId()).isEqualTo("7");
        meter.stop();
    }

    /** The fields the meters are reached through: if Debezium renames one, the relay only warns, and this fails. */
    @Test
    void debeziumStillHasTheFieldsLeadingToTheMeters() throws Exception {
        assertThat(ChangeEventSourceCoordinator.class.getDeclaredField(LeanStreamingMetrics.METRICS)).isNotNull();
        assertThat(PipelineMetrics.class.getDeclaredField(LeanStreamingMetrics.COMMON_METER).getType()).isEqualTo(CommonEventMeter.class);
        assertThat(DefaultStreamingChangeEventSourceMetrics.class.getDeclaredField(LeanStreamingMetrics.STREAMING_METER).getType())
                .isEqualTo(StreamingMeter.class);
        assertThat(CommonEventMeter.class.getDeclaredField(LeanStreamingMetrics.PROVIDER).getType()).isEqualTo(EventMetadataProvider.class);
        assertThat(StreamingMeter.class.getDeclaredField(LeanStreamingMetrics.PROVIDER).getType()).isEqualTo(EventMetadataProvider.class);
    }
}
