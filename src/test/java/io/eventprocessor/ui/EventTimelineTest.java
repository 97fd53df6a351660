package io.eventprocessor.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventprocessor.contract.EventTiming;
import io.eventprocessor.contract.MetricRecord;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class EventTimelineTest {
    @Test
    void showsEachPointAsWallClockTimeWithTheHopDurations() {
        long t0 = LocalDateTime.of(2026, 11, 10, 10, 15, 23, 123_000_000).toEpochSecond(ZoneOffset.UTC) * 1_000_000 + 123_000;
        EventTiming t = new EventTiming(t0, t0 + 4_000, t0 + 4_500, t0 + 6_000, t0 + 6_100, t0 + 28_000);
        MetricRecord r = new MetricRecord("e1", "UserCreated", "a1", MetricRecord.STATUS_PROCESSED, null, null, t, 0, 0, "p", "alice");

        EventTimeline tl = EventTimeline.of(r, ZoneOffset.UTC).orElseThrow();
        assertThat(tl.points()).extracting(EventTimeline.Point::clock)
                .containsExactly("10:15:23.123", "10:15:23.127", "10:15:23.127", "10:15:23.129", "10:15:23.129", "10:15:23.151");
        assertThat(tl.points()).extracting(EventTimeline.Point::sincePreviousMs).containsExactly(0.0, 4.0, 0.5, 1.5, 0.1, 21.9);
        assertThat(tl.sentence()).isEqualTo("created 10:15:23.123, in MongoDB 10:15:23.151, 28.0 ms later");
    }

    @Test
    void aDeadLetteredEventHasNoTimeline() {
        MetricRecord r = new MetricRecord("e1", "X", null, MetricRecord.STATUS_DEAD_LETTERED, "invalid", "bad", null, 0, 0, "p", null);
        assertThat(EventTimeline.of(r, ZoneOffset.UTC)).isEmpty();
    }
}
