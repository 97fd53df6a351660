package io.eventprocessor.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.eventprocessor.config.Settings;
import io.eventprocessor.contract.Names;
import io.eventprocessor.contract.StackMode;
import io.eventprocessor.loadgen.EventGenerator;
import io.eventprocessor.loadgen.SendPlan;
import io.eventprocessor.outbox.OutboxWriter;
import io.eventprocessor.testing.SharedStack;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The warm-up of a freshly started pipeline, on the real embedded one. */
@ExtendWith(SharedStack.class)
class WarmUpIT {

    @Test
    void theNumberOfEventsComesFromTheEnvironment() {
        assertThat(WarmUp.events(Map.of())).isEqualTo(WarmUp.DEFAULT_EVENTS);
        assertThat(WarmUp.events(Map.of(WarmUp.VARIABLE, "0"))).isZero();
        assertThat(WarmUp.events(Map.of(WarmUp.VARIABLE, " 500 "))).isEqualTo(500);
        for (String bad : new String[] {"lots", "-1", "1e4"}) {
            assertThatThrownBy(() -> WarmUp.events(Map.of(WarmUp.VARIABLE, bad))).hasMessageContaining(WarmUp.VARIABLE)
                    .hasMessageContaining("0 skips");
        }
    }

    @Test
    void warmsAnEmptyPipelineAndLeavesItEmpty(Settings settings) throws Exception {
        DemoData.reset(settings);
        List<String> lines = new CopyOnWriteArrayList<>();
        assertThat(WarmUp.runIfEmpty(settings, 300, StackMode.EMBEDDED, lines::add)).isTrue();
        assertThat(lines).anyMatch(l -> l.contains("inserted 300 of 300")).last().asString().contains("clearing");
        assertThat(DemoData.outboxRows(settings)).isZero();
        assertThat(documents(settings)).isZero();
    }

    @Test
    void theLastThousandEventsRunAfterAResetOfTheirOwn(Settings settings) throws Exception {
        assertThat(WarmUp.rounds(10_000)).containsExactly(9_000, WarmUp.AFTER_RESET_EVENTS);
        assertThat(WarmUp.rounds(2_000)).containsExactly(1_000, 1_000);
        assertThat(WarmUp.rounds(1_999)).containsExactly(1_999);
        // The first of several rounds at twice the buttons' pace, the last in their own shape.
        SendPlan first = WarmUp.request(9_000, 1, StackMode.EMBEDDED, true).plan();
        SendPlan last = WarmUp.request(1_000, 1, StackMode.EMBEDDED, false).plan();
        assertThat(last).isEqualTo(SendPlan.of(WarmUp.SHAPE));
        assertThat(first.batchSize()).isEqualTo(WarmUp.SHAPE.batchSize());
        assertThat(first.delayBetweenBatches()).isEqualTo(WarmUp.SHAPE.delayBetweenBatches().dividedBy(2));

        DemoData.reset(settings);
        List<String> lines = new CopyOnWriteArrayList<>();
        assertThat(WarmUp.runIfEmpty(settings, WarmUp.prepareInBackground(2_000), StackMode.EMBEDDED, lines::add)).isTrue();
        assertThat(lines).filteredOn(l -> l.endsWith("clearing them")).hasSize(2);
        assertThat(lines).as("only the last round is read back").filteredOn(l -> l.endsWith("verifying postgresql against mongodb")).hasSize(1);
        assertThat(lines).anyMatch(l -> l.endsWith("inserted 1,000 of 2,000")).anyMatch(l -> l.endsWith("inserted 2,000 of 2,000"));
        assertThat(DemoData.outboxRows(settings)).isZero();
        assertThat(documents(settings)).isZero();
    }

    @Test
    void leavesAPipelineWithEventsAlone(Settings settings) throws Exception {
        DemoData.reset(settings);
        try (OutboxWriter writer = OutboxWriter.open(settings)) {
            writer.insert(new EventGenerator(EventGenerator.randomSeed()).mixed(3));
        }
        assertThat(WarmUp.runIfEmpty(settings, 300, StackMode.EMBEDDED, line -> {})).isFalse();
        assertThat(DemoData.outboxRows(settings)).isEqualTo(3);
    }

    /**
     * A reset deletes the outbox's rows but keeps its table: a TRUNCATE (new files) would make Debezium read the table's
     * description again before the next run's first event.
     */
    @Test
    void aResetEmptiesTheOutboxButKeepsItsTable(Settings settings) throws Exception {
        DemoData.reset(settings);
        try (OutboxWriter writer = OutboxWriter.open(settings)) {
            writer.insert(new EventGenerator(EventGenerator.randomSeed()).mixed(3));
        }
        long files = outboxFiles(settings);
        assertThat(DemoData.reset(settings).outboxRows()).isEqualTo(3);
        assertThat(DemoData.outboxRows(settings)).isZero();
        assertThat(outboxFiles(settings)).as("the outbox's files (pg_relation_filenode)").isEqualTo(files);
        assertThat(DemoData.reset(settings).outboxRows()).as("a reset of an empty outbox").isZero();
        assertThat(WarmUp.AFTER_RESET_EVENTS).as("the warm-up's last reset deletes").isLessThanOrEqualTo(DemoData.DELETE_AT_MOST);
    }

    private static long outboxFiles(Settings settings) throws Exception {
        try (Connection c = DriverManager.getConnection(settings.jdbcUrl(), settings.postgresUser(), settings.postgresPassword());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT pg_relation_filenode('" + Names.OUTBOX_QUALIFIED + "')")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long documents(Settings settings) {
        try (MongoClient mongo = MongoClients.create(settings.mongoUri())) {
            long n = 0;
            for (String c : Names.READ_MODEL_COLLECTIONS) n += mongo.getDatabase(settings.mongoDatabase()).getCollection(c).countDocuments(new Document());
            return n;
        }
    }
}
