package io.eventprocessor.scenario;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import io.eventprocessor.clients.Clients;
import io.eventprocessor.config.Settings;
import io.eventprocessor.contract.Names;
import io.eventprocessor.processor.EventProcessor;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;

/**
 * Clears the demo's data everywhere it lives, leaving every service running: the outbox rows, the records of
 * the pipeline's topics (so nothing old is replayed into the read models later) and the read models.
 */
public final class DemoData {
    private DemoData() {}

    /** What a reset removed. */
    public record Cleared(long outboxRows, long topicRecords, long documents) {}

    public static Cleared reset(Settings settings) throws Exception {
        return reset(settings, true);
    }

    /**
     * {@link #reset(Settings)}; with {@code awaitStatistics} false, without its half-second pause for a statistics
     * recompute that was pending: the statistics document may then come back with the counts from before, until the
     * processor recomputes it after the next events. For a reset that more events follow at once.
     */
    public static Cleared reset(Settings settings, boolean awaitStatistics) throws Exception {
        long rows;
        try (Connection c = Clients.postgres(settings);
                Statement s = c.createStatement()) {
            rows = emptyOutbox(s);
        }
        long records = clearTopics(settings, List.of(Names.OUTBOX_TOPIC, Names.METRICS_TOPIC, Names.DLQ_TOPIC));
        long documents = 0;
        try (MongoClient mongo = Clients.mongo(settings)) {
            MongoDatabase db = mongo.getDatabase(settings.mongoDatabase());
            for (String collection : Names.READ_MODEL_COLLECTIONS) {
                documents += db.getCollection(collection).deleteMany(new Document()).getDeletedCount();
            }
            // The processor recomputes the statistics document once its writes have paused for a moment: one still
            // pending as the documents went (a run that ended just now) would write it back, with counts from before.
            // It is over after the pause; what it wrote goes too (the same document, not counted twice).
            if (awaitStatistics) Thread.sleep(2 * EventProcessor.STATISTICS_QUIET_MS);
            db.getCollection(Names.STATISTICS).deleteMany(new Document());
        }
        return new Cleared(rows, records, documents);
    }

    /**
     * Most rows a reset deletes; more are truncated. Whatever changes PostgreSQL's cached description of the outbox (a
     * {@code TRUNCATE}, which gives it new files; a vacuum or an analyze, which update its statistics) makes pgoutput
     * send that description again before the table's next change, and Debezium reads the table's columns and primary key
     * from the catalog before it decodes that change: 8-14 ms more before the first event of the next run. A deleted row
     * costs Debezium about 8 microseconds to skip instead (50,000 held an insert right after them 0.38 s), all done by
     * the time a run comes seconds later. Up to this many, a run right after the reset waits about as long as it would
     * for the description, and a run later waits for nothing.
     */
    static final int DELETE_AT_MOST = 2_000;

    /**
     * Empties the outbox, keeping the table as Debezium knows it when there are few rows ({@link #DELETE_AT_MOST}): the
     * vacuum comes first (it removes the rows the last reset deleted), so the deletes after it carry the table's
     * description to Debezium, which reads it now and skips the deletes themselves ({@code skipped.operations},
     * DebeziumConfig). An empty outbox is left as it is, so a second reset undoes nothing of the first. The embedded
     * PostgreSQL runs without autovacuum for the same reason.
     *
     * @return the rows removed
     */
    static long emptyOutbox(Statement s) throws SQLException {
        long rows = outboxRows(s);
        if (rows == 0) return 0;
        if (rows > DELETE_AT_MOST) {
            s.execute("TRUNCATE " + Names.OUTBOX_QUALIFIED);
            return rows;
        }
        s.execute("VACUUM " + Names.OUTBOX_QUALIFIED);
        return s.executeUpdate("DELETE FROM " + Names.OUTBOX_QUALIFIED);
    }

    /** Rows now in the outbox. */
    public static long outboxRows(Settings settings) throws SQLException {
        try (Connection c = Clients.postgres(settings);
                Statement s = c.createStatement()) {
            return outboxRows(s);
        }
    }

    static long outboxRows(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + Names.OUTBOX_QUALIFIED)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Deletes every record now in the topics (their offsets stay, so consumers simply find nothing before them). */
    static long clearTopics(Settings settings, List<String> topics) throws Exception {
        try (Admin admin = Clients.kafkaAdmin(settings.kafkaBootstrapServers(), "demo-data-reset")) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS).forEach((name, d) ->
                    d.partitions().forEach(pi -> {
                        latest.put(new TopicPartition(name, pi.partition()), OffsetSpec.latest());
                        earliest.put(new TopicPartition(name, pi.partition()), OffsetSpec.earliest());
                    }));
            var ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
            var starts = admin.listOffsets(earliest).all().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, RecordsToDelete> delete = new HashMap<>();
            long count = 0;
            for (var e : ends.entrySet()) {
                count += e.getValue().offset() - starts.get(e.getKey()).offset();
                delete.put(e.getKey(), RecordsToDelete.beforeOffset(e.getValue().offset()));
            }
            admin.deleteRecords(delete).all().get(30, TimeUnit.SECONDS);
            return count;
        }
    }
}
