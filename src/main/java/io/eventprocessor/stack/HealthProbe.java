package io.eventprocessor.stack;

import io.eventprocessor.contract.Names;
import io.eventprocessor.config.Settings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;

/**
 * Checks the five parts of the pipeline from the outside, as an external pipeline would be checked: PostgreSQL,
 * Kafka and MongoDB by connecting ({@link Connectivity}); Debezium by whether its replication slot is active in
 * PostgreSQL (it is whenever the connector streams, embedded or in Kafka Connect); the processor by whether its
 * consumer group has a live member. Blocking I/O: run it in a background task.
 */
public final class HealthProbe {
    public static final String POSTGRESQL = "PostgreSQL";
    public static final String DEBEZIUM = "Debezium";
    public static final String KAFKA = "Kafka";
    public static final String PROCESSOR = "Processor";
    public static final String MONGODB = "MongoDB";

    private HealthProbe() {}

    /** In the order of the pipeline. */
    public static List<Health> check(Settings settings) {
        List<Connectivity.Status> statuses = Connectivity.check(settings);
        Connectivity.Status pg = find(statuses, Connectivity.Service.POSTGRESQL);
        Connectivity.Status kafka = find(statuses, Connectivity.Service.KAFKA);
        Connectivity.Status mongo = find(statuses, Connectivity.Service.MONGODB);
        List<Health> out = new ArrayList<>();
        out.add(of(POSTGRESQL, pg));
        out.add(pg.ok() ? debezium(settings) : new Health(DEBEZIUM, "slot " + Names.REPLICATION_SLOT, false, "PostgreSQL is unreachable"));
        out.add(of(KAFKA, kafka));
        out.add(kafka.ok() ? processor(settings) : new Health(PROCESSOR, "group " + Names.CONSUMER_GROUP, false, "Kafka is unreachable"));
        out.add(of(MONGODB, mongo));
        return out;
    }

    private static Connectivity.Status find(List<Connectivity.Status> all, Connectivity.Service service) {
        return all.stream().filter(s -> s.service() == service).findFirst().orElseThrow();
    }

    private static Health of(String name, Connectivity.Status s) {
        return new Health(name, s.address(), s.ok(), s.ok() ? "" : s.problem());
    }

    static Health debezium(Settings s) {
        String address = "slot " + Names.REPLICATION_SLOT;
        Properties p = new Properties();
        p.put("user", s.postgresUser());
        p.put("password", s.postgresPassword());
        p.put("connectTimeout", "5");
        p.put("socketTimeout", "5");
        try (Connection c = DriverManager.getConnection(s.jdbcUrl(), p);
                PreparedStatement ps = c.prepareStatement("SELECT active FROM pg_replication_slots WHERE slot_name = ?")) {
            ps.setString(1, Names.REPLICATION_SLOT);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return new Health(DEBEZIUM, address, false, "no replication slot: the connector never started");
                return rs.getBoolean(1) ? new Health(DEBEZIUM, address, true, "")
                        : new Health(DEBEZIUM, address, false, "slot inactive: the connector is not streaming");
            }
        } catch (Exception e) {
            return new Health(DEBEZIUM, address, false, e.getMessage());
        }
    }

    static Health processor(Settings s) {
        String address = "group " + Names.CONSUMER_GROUP;
        Properties p = new Properties();
        p.put("bootstrap.servers", s.kafkaBootstrapServers());
        p.put("client.id", "dashboard-health");
        p.put("request.timeout.ms", "5000");
        p.put("default.api.timeout.ms", "5000");
        try (Admin admin = Admin.create(p)) {
            ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(Names.CONSUMER_GROUP))
                    .describedGroups().get(Names.CONSUMER_GROUP).get(5, TimeUnit.SECONDS);
            int members = d.members().size();
            return members > 0 ? new Health(PROCESSOR, address + " (" + members + (members == 1 ? " member)" : " members)"), true, "")
                    : new Health(PROCESSOR, address, false, "no processor is consuming (group " + d.groupState() + ")");
        } catch (Exception e) {
            Throwable c = e.getCause() != null ? e.getCause() : e;
            return new Health(PROCESSOR, address, false, c.getClass().getSimpleName() + ": " + c.getMessage());
        }
    }
}
