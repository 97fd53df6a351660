package io.eventprocessor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventprocessor.contract.EventTiming;
import io.eventprocessor.contract.MetricRecord;
import io.eventprocessor.contract.Names;
import io.eventprocessor.measure.MetricsAggregator;
import io.eventprocessor.measure.PartitionLag;
import io.eventprocessor.measure.Snapshot;
import io.eventprocessor.testing.MetricSamples;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The monitor's screen shows what the collector measured, and says so when something could not be measured. */
class MonitorRenderTest {
    private static final long BASE = 1_800_000_000_000_000L;

    private static MetricRecord processed(String type, long endToEndMicros) {
        long t0 = BASE;
        EventTiming t = new EventTiming(t0, t0 + 1000, t0 + 2000, t0 + 3000, t0 + 3100, t0 + endToEndMicros);
        return new MetricRecord(UUID.randomUUID().toString(), type, UUID.randomUUID().toString(), MetricRecord.STATUS_PROCESSED,
                null, null, t, 0, 0, "p", "detail");
    }

    @Test
    void showsCountsLatencyLagAndSlotLag() {
        MetricsAggregator a = new MetricsAggregator(10, false);
        a.accept(processed(Names.USER_CREATED, 10_000));
        a.accept(processed(Names.USER_CREATED, 20_000));
        a.accept(processed(Names.ACTIVITY_CREATED, 30_000));
        Snapshot s = a.snapshot(BASE + 1_000_000, List.of(new PartitionLag(Names.OUTBOX_TOPIC, 0, 5, 12),
                new PartitionLag(Names.OUTBOX_TOPIC, 1, 3, 3)), null);

        String screen = MonitorCommand.render(s, 4096, Duration.ofSeconds(7));

        assertThat(screen).contains("processed 3").contains("dead-lettered 0")
                .containsPattern(Names.USER_CREATED + "\\s+2").containsPattern(Names.ACTIVITY_CREATED + "\\s+1")
                .containsPattern("end_to_end\\s+3\\s+20\\.0")
                .contains("p0=7").contains("p1=0").contains("total=7")
                .contains("4,096 bytes of WAL").contains("watching for 7s");
    }

    @Test
    void showsEachProcessorsShareAndPartitions() {
        MetricsAggregator a = new MetricsAggregator(10, false);
        for (int i = 0; i < 3; i++) a.accept(MetricSamples.processedBy("cluster-processor-1", 0, null, BASE + i * 1000, 5000));
        a.accept(MetricSamples.processedBy("cluster-processor-2", 2, null, BASE, 5000));
        String screen = MonitorCommand.render(a.snapshot(BASE + 500_000, List.of(), null), 0, Duration.ZERO);
        assertThat(screen).containsPattern("cluster-processor-1\\s+3\\s+3\\s+p0")
                .containsPattern("cluster-processor-2\\s+1\\s+1\\s+p2");
    }

    @Test
    void saysWhenLagCouldNotBeMeasuredAndWhenThereIsNoSlot() {
        Snapshot s = new MetricsAggregator(10, false).snapshot(BASE, List.of(), "TimeoutException: no answer");
        String screen = MonitorCommand.render(s, -1, Duration.ZERO);
        assertThat(screen).contains("unavailable: TimeoutException: no answer").contains("(no slot)");
    }
}
