package io.eventprocessor.processor;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventprocessor.config.Settings;
import io.eventprocessor.config.Tuning;
import io.eventprocessor.contract.Names;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The consumer and producer settings the at-least-once contract depends on. */
class EventProcessorConfigTest {
    private final Settings settings = new Settings("localhost", 5432, "activity_db", "postgres", "postgres",
            "127.0.0.1:9092", "mongodb://127.0.0.1:27017", "activity_read", Optional.empty());

    @Test
    void consumerCommitsByHandFromTheEarliestOffsetInTheSharedGroup() {
        Properties p = EventProcessor.consumerProperties(settings, "p1");
        assertThat(p.getProperty("group.id")).isEqualTo(Names.CONSUMER_GROUP);
        assertThat(p.getProperty("enable.auto.commit")).isEqualTo("false");
        assertThat(p.getProperty("auto.offset.reset")).isEqualTo("earliest");
        assertThat(p.getProperty("bootstrap.servers")).isEqualTo("127.0.0.1:9092");
        Tuning.consumerDefaults().forEach((k, v) -> assertThat(p.get(k)).as((String) k).isEqualTo(v));
        assertThat(p.getProperty("client.id")).contains("p1");
    }

    @Test
    void producerUsesTheTunedDefaultsAndLetsMetricsGather() {
        Properties p = EventProcessor.producerProperties(settings, "p1");
        Tuning.producerDefaults().forEach((k, v) -> {
            if (!k.equals("linger.ms")) assertThat(p.get(k)).as((String) k).isEqualTo(v);
        });
        assertThat(p.getProperty("linger.ms")).isEqualTo(Integer.toString(Tuning.PROCESSOR_METRICS_LINGER_MS));
        assertThat(p.getProperty("bootstrap.servers")).isEqualTo("127.0.0.1:9092");
    }
}
