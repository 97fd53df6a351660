package io.eventprocessor.report;

import com.mongodb.client.MongoClient;
import io.eventprocessor.clients.Clients;
import io.eventprocessor.config.Settings;
import io.eventprocessor.contract.StackMode;
import io.eventprocessor.stack.EmbeddedMongoServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.utils.AppInfoParser;
import org.bson.Document;

/**
 * Where a run happened: the report's {@code environment} section. Server versions are asked from the servers,
 * not assumed, so a report from docker-compose and one from the embedded stack say what they ran on.
 *
 * @param stackMode where the services ran
 * @param versions java, kafka (client), debezium, postgresql (server), mongodb (server, as the server reports it)
 * @param clockNote which clocks the timing points come from, so stage figures are read with skew in mind
 */
public record RunEnvironment(StackMode stackMode, Map<String, String> versions, int cores, String clockNote) {
    public RunEnvironment {
        versions = Collections.unmodifiableMap(new LinkedHashMap<>(versions));
    }

    /** Asks each service for its version; a service that does not answer is reported as such, not guessed. */
    public static RunEnvironment probe(Settings settings, StackMode stackMode) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("java", Runtime.version().toString());
        v.put("kafka", AppInfoParser.getVersion());
        v.put("debezium", io.debezium.connector.postgresql.Module.version());
        v.put("postgresql", postgresVersion(settings));
        v.put("mongodb", stackMode == StackMode.EMBEDDED
                ? EmbeddedMongoServer.description() + ", announces " + mongoVersion(settings)
                : mongoVersion(settings));
        String clocks = stackMode == StackMode.EMBEDDED
                ? "All timing points were taken on one machine's clock."
                : "T0 is PostgreSQL's clock, T1 Debezium's host, T2 the Kafka side, T3-T5 the processor's host: "
                        + "stages that span hosts include their clock skew.";
        return new RunEnvironment(stackMode, v, Runtime.getRuntime().availableProcessors(), clocks);
    }

    private static String postgresVersion(Settings s) {
        try (Connection c = Clients.postgres(s);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SHOW server_version")) {
            return rs.next() ? rs.getString(1) : "unknown";
        } catch (Exception e) {
            return "unknown (" + e.getClass().getSimpleName() + ")";
        }
    }

    private static String mongoVersion(Settings s) {
        try (MongoClient client = Clients.mongo(s)) {
            Document info = client.getDatabase("admin").runCommand(new Document("buildInfo", 1));
            return String.valueOf(info.get("version"));
        } catch (Exception e) {
            return "unknown (" + e.getClass().getSimpleName() + ")";
        }
    }
}
