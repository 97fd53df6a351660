package io.eventprocessor.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventprocessor.stack.LocalStack;
import io.eventprocessor.testing.SharedStack;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bench pipeline end to end on the shared stack with a few hundred events: every phase runs, every figure
 * is there and the JSON validates. No timing is asserted (the figures of so small a run mean nothing).
 */
@ExtendWith(SharedStack.class)
class BenchIT {

    @Test
    void aTinyRunMeasuresEveryPhaseAndWritesValidJson(LocalStack stack, @TempDir Path home) throws Exception {
        // home: not the stack's, so memory is this JVM's only; JUnit removes it afterwards
        List<String> phases = new ArrayList<>();
        BenchResult r = new Benchmark(stack, home, BenchPlan.tiny(), phases::add).run();

        assertThat(phases).hasSizeGreaterThanOrEqualTo(5);
        assertThat(r.paced()).singleElement().satisfies(p -> {
            assertThat(p.complete()).isTrue();
            assertThat(p.endToEnd().count()).isEqualTo(p.events());
            assertThat(p.endToEndFromIntended().count()).isEqualTo(p.events());
            assertThat(p.stages()).containsOnlyKeys("end_to_end", "cdc_capture", "kafka_delivery", "consumer_wait", "processing");
        });
        assertThat(r.burst()).singleElement().satisfies(b -> {
            assertThat(b.complete()).isTrue();
            assertThat(b.events()).isEqualTo(200);
            assertThat(b.throughputEps()).isPositive();
            assertThat(b.durationSeconds()).isPositive();
        });
        assertThat(r.floors().kafkaOnlyRecords()).isEqualTo(50);
        assertThat(r.floors().kafkaOnlyP50Ms()).isPositive();
        assertThat(r.floors().debeziumOnlyEps()).isPositive();
        assertThat(r.floors().insertEps()).isPositive();
        assertThat(r.memory().peakRssMb()).isPositive();
        assertThat(r.versions()).containsKeys("java", "kafka", "debezium", "postgresql", "mongodb");
        assertThat(stack.processor()).as("the processor runs again after the Debezium-only phase").isPresent();

        ObjectNode json = BenchJson.toJson(r);
        assertThat(BenchJsonTest.errors(json)).isEmpty();
        assertThat(BenchTable.render(r)).contains("floor    debezium_only_eps");
    }
}
