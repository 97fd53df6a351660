package io.eventprocessor.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventprocessor.config.Settings;
import io.eventprocessor.config.Tuning;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class DebeziumRelayConfigTest {
    private final Settings settings = new Settings("localhost", 5432, "activity_db", "postgres", "postgres",
            "127.0.0.1:9092", "mongodb://127.0.0.1:27017", "activity_read", Optional.empty());

    @Test
    void producerUsesTheTunedDefaultsAndLetsChangeEventsGather() {
        Properties p = DebeziumRelay.producerProperties(settings);
        Tuning.producerDefaults().forEach((k, v) -> {
            if (!k.equals("linger.ms")) assertThat(p.get(k)).as((String) k).isEqualTo(v);
        });
        assertThat(p.getProperty("linger.ms")).isEqualTo(Integer.toString(Tuning.RELAY_LINGER_MS));
        assertThat(p.getProperty("bootstrap.servers")).isEqualTo("127.0.0.1:9092");
    }
}
