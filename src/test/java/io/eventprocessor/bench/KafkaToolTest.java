package io.eventprocessor.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KafkaToolTest {
    @Test
    void readsTheFiguresKafkasToolPrints() {
        String out = "0\t12.345\n1000\t0.812\n"
                + "Avg latency: 1.0345 ms\n"
                + "Percentiles: 50th = 0, 99th = 5, 99.9th = 13\n";
        KafkaTool.Result r = KafkaTool.parse(out, 5_000, 800, 0);
        assertThat(r.ok()).isTrue();
        assertThat(r.avgMs()).isEqualTo(1.0345);
        assertThat(r.p50Ms()).isZero();
        assertThat(r.p99Ms()).isEqualTo(5);
        assertThat(r.p999Ms()).isEqualTo(13);
        assertThat(r.records()).isEqualTo(5_000);
        assertThat(r.status()).contains("EndToEndLatency", "5000 records of 800 B");
    }

    @Test
    void aFailedRunSaysWhyAndHasNoFigures() {
        KafkaTool.Result r = KafkaTool.parse("Exception in thread main: boom", 5_000, 800, 1);
        assertThat(r.ok()).isFalse();
        assertThat(r.p50Ms()).isZero();
        assertThat(r.status()).contains("exit 1", "boom");
    }
}
