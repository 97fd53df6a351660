package io.eventprocessor.ui.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventprocessor.stack.Connectivity;
import io.eventprocessor.stack.Health;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthChangeTest {
    private static Health kafka(boolean ok) {
        return new Health(Connectivity.Service.KAFKA, "127.0.0.1:9092", ok, ok ? "" : "no broker answered");
    }

    private static Health mongo(boolean ok) {
        return new Health(Connectivity.Service.MONGODB, "127.0.0.1:27017", ok, ok ? "" : "timed out");
    }

    @Test
    void aPartThatWentDownOrCameBackIsNamedOnceAndTheFirstCheckNamesNone() {
        assertThat(HealthChange.between(List.of(), List.of(kafka(false), mongo(true)))).isEmpty();
        assertThat(HealthChange.between(List.of(kafka(true), mongo(true)), List.of(kafka(true), mongo(true)))).isEmpty();

        List<HealthChange> down = HealthChange.between(List.of(kafka(true), mongo(true)), List.of(kafka(false), mongo(true)));
        assertThat(down).containsExactly(new HealthChange(Connectivity.Service.KAFKA, false, "127.0.0.1:9092: no broker answered"));
        assertThat(down.get(0).title()).isEqualTo("Kafka is down");

        List<HealthChange> back = HealthChange.between(List.of(kafka(false), mongo(false)), List.of(kafka(true), mongo(true)));
        assertThat(back).extracting(HealthChange::title).containsExactly("Kafka is back", "MongoDB is back");
    }

    @Test
    void theBannerNamesThePartsThatAreDown() {
        assertThat(Narrative.down(List.of(kafka(false), mongo(true)))).isEqualTo("Not ready: Kafka is down (below: what is wrong and how to fix it).");
        assertThat(Narrative.down(List.of(kafka(false), mongo(false)))).startsWith("Not ready: Kafka and MongoDB are down");
    }
}
