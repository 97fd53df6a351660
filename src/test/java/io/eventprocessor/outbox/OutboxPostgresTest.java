package io.eventprocessor.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventprocessor.clients.Clients;
import io.eventprocessor.config.Settings;
import io.eventprocessor.contract.Names;
import io.eventprocessor.loadgen.EventGenerator;
import io.eventprocessor.loadgen.EventMix;
import io.eventprocessor.loadgen.EventOrder;
import io.eventprocessor.loadgen.LoadResult;
import io.eventprocessor.loadgen.LoadRunner;
import io.eventprocessor.loadgen.SendPlan;
import io.eventprocessor.testing.SharedStack;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** OutboxWriter and Migrations against the shared stack's real PostgreSQL (the stack applied the migrations). */
@ExtendWith(SharedStack.class)
class OutboxPostgresTest {
    private static Settings settings;

    @BeforeAll
    static void locate(Settings shared) {
        settings = shared;
    }

    @BeforeEach
    void emptyOutbox() throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute("TRUNCATE " + Names.OUTBOX_QUALIFIED);
        }
    }

    @Test
    void migrationsAreRecordedAndIdempotent() throws SQLException {
        Migrations migrations = new Migrations();
        assertThat(migrations.list()).extracting(Migrations.Migration::version).containsExactly(1);
        try (Connection c = connect()) {
            // applied once in @BeforeAll; a rerun applies nothing and changes nothing
            assertThat(migrations.apply(c)).isEmpty();
            assertThat(migrations.apply(c)).isEmpty();
            assertThat(migrations.appliedVersions(c)).isEqualTo(Map.of(1, "event_outbox"));
            assertThat(c.getAutoCommit()).isTrue();
            assertThat(scalar(c, "SELECT count(*) FROM " + Names.SCHEMA_VERSION_QUALIFIED + " WHERE applied_at IS NOT NULL")).isEqualTo(1);
            assertThat(scalar(c, "SELECT count(*) FROM information_schema.columns WHERE table_schema = '"
                    + Names.SCHEMA + "' AND table_name = '" + Names.OUTBOX_TABLE + "'")).isEqualTo(7);
        }
    }

    @ParameterizedTest
    @EnumSource(OutboxWriter.Method.class)
    void everyRowIsStoredWithItsOwnCreatedAt(OutboxWriter.Method method) throws Exception {
        List<OutboxEvent> events = new EventGenerator(11, Instant.parse("2026-01-01T00:00:00Z")).mixed(1_000);
        try (OutboxWriter writer = OutboxWriter.open(settings, method)) {
            for (int i = 0; i < events.size(); i += 100) writer.insert(events.subList(i, i + 100));
        }
        try (Connection c = connect()) {
            assertThat(scalar(c, "SELECT count(*) FROM " + Names.OUTBOX_QUALIFIED)).isEqualTo(1_000);
            assertThat(scalar(c, "SELECT count(DISTINCT created_at) FROM " + Names.OUTBOX_QUALIFIED)).isEqualTo(1_000);
            assertThat(scalar(c, "SELECT count(*) FROM " + Names.OUTBOX_QUALIFIED + " WHERE status = 'pending'")).isEqualTo(1_000);
            // Within a batch (one transaction) created_at follows insertion order, not one shared now().
            assertThat(scalar(c, "SELECT count(DISTINCT xmin::text) FROM " + Names.OUTBOX_QUALIFIED)).isEqualTo(10);
            assertThat(scalar(c, "SELECT count(*) FROM (SELECT xmin::text, count(DISTINCT created_at) AS d, count(*) AS n FROM "
                    + Names.OUTBOX_QUALIFIED + " GROUP BY 1) b WHERE d = n")).isEqualTo(10);
        }
    }

    @ParameterizedTest
    @EnumSource(OutboxWriter.Method.class)
    void columnsRoundTrip(OutboxWriter.Method method) throws Exception {
        OutboxEvent tricky = new OutboxEvent(UUID.randomUUID(), UUID.randomUUID(), "User",
                Names.USER_CREATED, "{\"bio\": \"says \\\"hi\\\", then,\\nleaves\", \"n\": 1}");
        try (OutboxWriter writer = OutboxWriter.open(settings, method)) {
            writer.insert(List.of(tricky));
        }
        try (Connection c = connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT event_id, aggregate_id, aggregate_type, event_type, payload::text FROM "
                        + Names.OUTBOX_QUALIFIED)) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getObject(1)).isEqualTo(tricky.eventId());
            assertThat(rs.getObject(2)).isEqualTo(tricky.aggregateId());
            assertThat(rs.getString(3)).isEqualTo("User");
            assertThat(rs.getString(4)).isEqualTo(Names.USER_CREATED);
            ObjectMapper json = new ObjectMapper();
            assertThat(json.readTree(rs.getString(5))).isEqualTo(json.readTree(tricky.payload()));
        }
    }

    @Test
    void primingInsertsNothingAndLeavesTheWriterReady() throws Exception {
        List<OutboxEvent> events = new EventGenerator(13, Instant.EPOCH).mixed(10);
        try (OutboxWriter writer = OutboxWriter.open(settings); Connection c = connect()) {
            writer.prime();
            assertThat(scalar(c, "SELECT count(*) FROM " + Names.OUTBOX_QUALIFIED)).isZero();
            writer.insert(events);
            writer.prime();
            assertThat(scalar(c, "SELECT count(*) FROM " + Names.OUTBOX_QUALIFIED)).isEqualTo(10);
        }
    }

    @ParameterizedTest
    @EnumSource(OutboxWriter.Method.class)
    void aFailingBatchLeavesNoRowsAndTheWriterStaysUsable(OutboxWriter.Method method) throws Exception {
        List<OutboxEvent> events = new ArrayList<>(new EventGenerator(12, Instant.EPOCH).mixed(10));
        events.add(events.get(0)); // duplicate primary key
        try (OutboxWriter writer = OutboxWriter.open(settings, method)) {
            assertThatThrownBy(() -> writer.insert(events)).isInstanceOf(SQLException.class);
            writer.insert(events.subList(0, 10));
        }
        try (Connection c = connect()) {
            assertThat(scalar(c, "SELECT count(*) FROM " + Names.OUTBOX_QUALIFIED)).isEqualTo(10);
        }
    }

    @Test
    void aPacedRunCommitsEveryEventWithItsTimings() throws Exception {
        List<OutboxEvent> events = new EventGenerator(13, Instant.EPOCH).generate(
                EventMix.mixed(300), EventOrder.INTERLEAVED);
        LoadResult result;
        try (OutboxWriter writer = OutboxWriter.open(settings)) {
            result = new LoadRunner(writer)
                    .run(events, SendPlan.paced(3_000, 100));
        }
        assertThat(result.failure()).isEmpty();
        assertThat(result.completed()).isTrue();
        assertThat(result.timings().keySet()).containsExactlyElementsOf(events.stream().map(OutboxEvent::eventId).toList());
        try (Connection c = connect()) {
            assertThat(scalar(c, "SELECT count(*) FROM " + Names.OUTBOX_QUALIFIED)).isEqualTo(300);
            assertThat(scalar(c, "SELECT count(DISTINCT created_at) FROM " + Names.OUTBOX_QUALIFIED)).isEqualTo(300);
        }
    }

    private static Connection connect() throws SQLException {
        return Clients.postgres(settings);
    }

    private static long scalar(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
