package io.eventprocessor.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class StageTest {
    @Test
    void stagesAddUpToEndToEndForEveryEvent() {
        Random random = new Random(42);
        for (int i = 0; i < 10_000; i++) {
            long t0 = 1_700_000_000_000_000L + random.nextInt(1_000_000_000);
            // Steps may be negative: T2 in milliseconds can precede T1 in microseconds.
            long t1 = t0 + random.nextInt(50_000);
            long t2 = t1 + random.nextInt(20_000) - 1_000;
            long t3 = t2 + random.nextInt(100_000);
            long t4 = t3 + random.nextInt(5_000);
            long t5 = t4 + random.nextInt(50_000);
            EventTiming t = new EventTiming(t0, t1, t2, t3, t4, t5);
            long sum = Stage.CDC_CAPTURE.of(t) + Stage.KAFKA_DELIVERY.of(t) + Stage.CONSUMER_WAIT.of(t) + Stage.PROCESSING.of(t);
            assertThat(sum).isEqualTo(Stage.END_TO_END.of(t)).isEqualTo(t5 - t0);
        }
    }
}
