package io.eventprocessor.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import io.debezium.data.Envelope;
import io.debezium.pipeline.ChangeEventSourceCoordinator;
import io.debezium.pipeline.meters.CommonEventMeter;
import io.debezium.pipeline.metrics.PipelineMetrics;
import io.debezium.pipeline.source.spi.EventMetadataProvider;
import io.debezium.pipeline.spi.OffsetContext;
import io.debezium.relational.TableId;
import io.debezium.spi.schema.DataCollectionId;
import io.debezium.util.Clock;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

class LastEventSummaryTest {

    /** Debezium's provider, which formats a summary of every event; here it counts how often it is asked. */
    private static final class Formatting implements EventMetadataProvider {
        int summaries;

        @Override
        public String toSummaryString(DataCollectionId source, OffsetContext offset, Object key, Struct value) {
            summaries++;
            return "a formatted summary";
        }

        @Override
        public Instant getEventTimestamp(DataCollectionId source, OffsetContext offset, Object key, Struct value) {
            return Instant.EPOCH;
        }

        @Override
        public Map<String, String> getEventSourcePosition(DataCollectionId source, OffsetContext offset, Object key, Struct value) {
            return Map.of();
        }

        @Override
        public String getTransactionId(DataCollectionId source, OffsetContext offset, Object key, Struct value) {
            return null;
        }
    }

    @Test
    void theMeterKeepsTheTableInsteadOfFormattingTheEvent() throws Exception {
        Formatting debezium = new Formatting();
        CommonEventMeter meter = new CommonEventMeter(Clock.system(), debezium);
        TableId outbox = new TableId("activity_db", "activity", "event_outbox");
        meter.onEvent(outbox, null, null, null, Envelope.Operation.CREATE);
        assertThat(meter.getLastEvent()).isEqualTo("a formatted summary");

        LastEventSummary.install(meter);
        LastEventSummary.install(meter); // once is enough; a second install keeps the first
        meter.onEvent(outbox, null, null, null, Envelope.Operation.CREATE);

        assertThat(meter.getLastEvent()).isEqualTo(outbox.toString());
        assertThat(debezium.summaries).isEqualTo(1);
        assertThat(meter.getTotalNumberOfEventsSeen()).isEqualTo(2);
        assertThat(meter.getTotalNumberOfCreateEventsSeen()).isEqualTo(2);
    }

    /** The fields the summary is reached through: if Debezium renames one, the relay only warns, and this fails. */
    @Test
    void debeziumStillHasTheFieldsLeadingToTheSummary() throws Exception {
        assertThat(ChangeEventSourceCoordinator.class.getDeclaredField(LastEventSummary.METRICS)).isNotNull();
        assertThat(PipelineMetrics.class.getDeclaredField(LastEventSummary.METER).getType()).isEqualTo(CommonEventMeter.class);
        assertThat(CommonEventMeter.class.getDeclaredField(LastEventSummary.PROVIDER).getType()).isEqualTo(EventMetadataProvider.class);
    }
}
