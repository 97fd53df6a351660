package io.eventprocessor.ui;

import io.eventprocessor.contract.EventTiming;
import io.eventprocessor.contract.MetricRecord;
import io.eventprocessor.contract.Stage;
import io.eventprocessor.ui.model.Format;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One event's journey as the room reads it: each timing point T0..T5 as a wall-clock time to the millisecond and
 * the time since the previous point ("created 10:15:23.123, in MongoDB 10:15:23.151, 28 ms later").
 */
public record EventTimeline(String eventId, String eventType, String detail, List<Point> points, double endToEndMs) {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT);
    private static final String[] LABELS = {
        "T0 created in the outbox (PostgreSQL)",
        "T1 captured by Debezium",
        "T2 appended to Kafka",
        "T3 polled by the processor",
        "T4 handler started",
        "T5 written to MongoDB"};

    /**
     * @param atMicros microseconds since the epoch
     * @param sincePreviousMs milliseconds since the previous point (0 for T0)
     */
    public record Point(String label, long atMicros, String clock, double sincePreviousMs) {}

    /** Empty for a dead-lettered event: it has no timing. */
    public static Optional<EventTimeline> of(MetricRecord r, ZoneId zone) {
        EventTiming t = r.timing();
        if (t == null) return Optional.empty();
        long[] at = {t.t0(), t.t1(), t.t2(), t.t3(), t.t4(), t.t5()};
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < at.length; i++) {
            points.add(new Point(LABELS[i], at[i], clock(at[i], zone), i == 0 ? 0 : (at[i] - at[i - 1]) / 1000.0));
        }
        return Optional.of(new EventTimeline(r.eventId(), r.eventType(), r.detail(), List.copyOf(points),
                Stage.END_TO_END.of(t) / 1000.0));
    }

    public static String clock(long micros, ZoneId zone) {
        Instant i = Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1000);
        return CLOCK.format(i.atZone(zone));
    }

    /** One sentence for the room: "created 10:15:23.123, in MongoDB 10:15:23.151, 28 ms later". */
    public String sentence() {
        return String.format(Locale.ROOT, "created %s, in MongoDB %s, %s later", points.get(0).clock(),
                points.get(points.size() - 1).clock(), Format.ms(endToEndMs));
    }
}
