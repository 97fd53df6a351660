package io.eventprocessor.stack;

import com.mongodb.ConnectionString;
import com.mongodb.MongoSecurityException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.client.MongoClient;
import io.eventprocessor.clients.Clients;
import io.eventprocessor.config.ConfigException;
import io.eventprocessor.config.Settings;
import io.eventprocessor.contract.Names;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.KafkaException;
import org.bson.Document;

/**
 * Checks the pipeline from the outside, as an external one would be checked, in parallel and in well under 10 seconds,
 * and says for each part that is not usable which it is, where, what is wrong and how to fix it. The three services
 * ({@link #services}) by connecting to them; the whole pipeline ({@link #pipeline}) adds Debezium, by whether its
 * replication slot is active in PostgreSQL (it is whenever the connector streams, embedded or in Kafka Connect), and the
 * processor, by whether its consumer group has a live member. {@code check}, {@code stack status} and the dashboard's
 * health strip all read it. Blocking I/O.
 */
public final class Connectivity {
    private Connectivity() {}

    /** Each check gives up after this long; they run at once, so the whole check takes about as long. */
    static final int TIMEOUT_SECONDS = 6;

    /** The parts of the pipeline, in its order. */
    public enum Service {
        POSTGRESQL("PostgreSQL"), DEBEZIUM("Debezium"), KAFKA("Kafka"), PROCESSOR("Processor"), MONGODB("MongoDB");

        private final String label;

        Service(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** PostgreSQL, Kafka and MongoDB, in that order. */
    public static List<Health> services(Settings settings) {
        var postgres = CompletableFuture.supplyAsync(() -> postgres(settings));
        var kafka = CompletableFuture.supplyAsync(() -> kafka(settings));
        var mongo = CompletableFuture.supplyAsync(() -> mongo(settings));
        return List.of(postgres.join(), kafka.join(), mongo.join());
    }

    /** All five parts in the pipeline's order: PostgreSQL, Debezium, Kafka, the processor, MongoDB. */
    public static List<Health> pipeline(Settings settings) {
        List<Health> services = services(settings);
        Health pg = services.get(0);
        Health kafka = services.get(1);
        var debezium = CompletableFuture.supplyAsync(() -> pg.ok() ? debezium(settings)
                : new Health(Service.DEBEZIUM, SLOT, false, "PostgreSQL is unreachable"));
        var processor = CompletableFuture.supplyAsync(() -> kafka.ok() ? processor(settings)
                : new Health(Service.PROCESSOR, GROUP, false, "Kafka is unreachable"));
        List<Health> out = new ArrayList<>(List.of(pg, debezium.join(), kafka, processor.join(), services.get(2)));
        return List.copyOf(out);
    }

    /** Throws a {@link ConfigException} naming every service that is not usable. */
    public static void requireAll(Settings settings) {
        List<String> problems = services(settings).stream().filter(s -> !s.ok()).map(Health::describe).toList();
        if (!problems.isEmpty()) throw new ConfigException(String.join("\n", problems));
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(TIMEOUT_SECONDS);
    private static final String SLOT = "slot " + Names.REPLICATION_SLOT;
    private static final String GROUP = "group " + Names.CONSUMER_GROUP;

    static Health postgres(Settings s) {
        String address = s.postgresAddress() + "/" + s.postgresDb();
        try (Connection c = Clients.postgres(s, TIMEOUT); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SHOW wal_level")) {
            rs.next();
            String walLevel = rs.getString(1);
            if (!"logical".equals(walLevel)) {
                return new Health(Service.POSTGRESQL, address, false, "wal_level is '" + walLevel
                        + "', but change data capture needs logical decoding. Fix: set wal_level = logical in postgresql.conf "
                        + "(or start the server with -c wal_level=logical) and restart PostgreSQL.");
            }
            return new Health(Service.POSTGRESQL, address, true, "");
        } catch (SQLException e) {
            return new Health(Service.POSTGRESQL, address, false, postgresProblem(e, s));
        }
    }

    private static String postgresProblem(SQLException e, Settings s) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        Throwable root = rootCause(e);
        if (root instanceof ConnectException || "08001".equals(state) && root instanceof IOException) {
            return "connection refused or timed out. Fix: start PostgreSQL there, or set " + Settings.POSTGRES_HOST + "/"
                    + Settings.POSTGRES_PORT + " to where it runs (unset them to use the embedded stack).";
        }
        if (root instanceof UnknownHostException) {
            return "unknown host '" + s.postgresHost() + "'. Fix: correct " + Settings.POSTGRES_HOST + ".";
        }
        if ("28P01".equals(state) || "28000".equals(state)) {
            return "authentication failed for user '" + s.postgresUser() + "'. Fix: set " + Settings.POSTGRES_USER + " and "
                    + Settings.POSTGRES_PASSWORD + " to a role that may log in and replicate.";
        }
        if ("3D000".equals(state)) {
            return "database '" + s.postgresDb() + "' does not exist. Fix: create it, or set " + Settings.POSTGRES_DB + ".";
        }
        return firstLine(e.getMessage()) + " (SQLState " + state + ").";
    }

    static Health kafka(Settings s) {
        String address = s.kafkaBootstrapServers();
        try (Admin admin = Clients.kafkaAdmin(address, "connectivity-check", TIMEOUT)) {
            int brokers = admin.describeCluster().nodes().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).size();
            if (brokers == 0) return new Health(Service.KAFKA, address, false, "the cluster reports no brokers.");
            return new Health(Service.KAFKA, address, true, "");
        } catch (KafkaException e) {
            return new Health(Service.KAFKA, address, false, firstLine(rootCause(e).getMessage())
                    + ". Fix: set " + Settings.KAFKA_BOOTSTRAP_SERVERS + " to host:port of a broker listener, e.g. localhost:9092.");
        } catch (TimeoutException e) {
            return kafkaSilent(address);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) return kafkaSilent(address);
            return new Health(Service.KAFKA, address, false, firstLine(rootCause(e).toString()) + ". Fix: check "
                    + Settings.KAFKA_BOOTSTRAP_SERVERS + ".");
        } catch (Exception e) {
            return new Health(Service.KAFKA, address, false, firstLine(rootCause(e).toString()) + ". Fix: check "
                    + Settings.KAFKA_BOOTSTRAP_SERVERS + ".");
        }
    }

    private static Health kafkaSilent(String address) {
        return new Health(Service.KAFKA, address, false, "no broker answered within " + TIMEOUT_SECONDS
                + " s. Fix: start Kafka there, or set " + Settings.KAFKA_BOOTSTRAP_SERVERS
                + " to a reachable broker listener (host:port, as advertised by the broker).");
    }

    static Health mongo(Settings s) {
        ConnectionString uri;
        try {
            uri = new ConnectionString(s.mongoUri());
        } catch (IllegalArgumentException e) {
            // A malformed URI is most often a password with an unescaped character: never echo it (it reaches the wall).
            return new Health(Service.MONGODB, Settings.redactUri(s.mongoUri()), false, Settings.MONGODB_URI + " is not a MongoDB "
                    + "connection string (" + Settings.redactIn(firstLine(e.getMessage()), s.mongoUri()) + "). Fix: use the form "
                    + "mongodb://host:27017 or mongodb+srv://user:pass@cluster.example.net, with special characters of the user and "
                    + "password percent-encoded (@ as %40, : as %3A, / as %2F).");
        }
        String address = String.join(",", uri.getHosts());
        try (MongoClient client = Clients.mongo(s, TIMEOUT)) {
            client.getDatabase(s.mongoDatabase()).runCommand(new Document("ping", 1));
            return new Health(Service.MONGODB, address, true, "");
        } catch (MongoTimeoutException e) {
            return new Health(Service.MONGODB, address, false, "no MongoDB server answered within " + TIMEOUT_SECONDS
                    + " s. Fix: start MongoDB there, or set " + Settings.MONGODB_URI + " to a reachable server.");
        } catch (MongoSecurityException e) {
            return new Health(Service.MONGODB, address, false, "authentication failed. Fix: put valid credentials in "
                    + Settings.MONGODB_URI + ".");
        } catch (RuntimeException e) {
            return new Health(Service.MONGODB, address, false, Settings.redactIn(firstLine(e.getMessage()), s.mongoUri()) + ". Fix: check "
                    + Settings.MONGODB_URI + ".");
        }
    }

    static Health debezium(Settings s) {
        String address = SLOT;
        try (Connection c = Clients.postgres(s, TIMEOUT);
                PreparedStatement ps = c.prepareStatement("SELECT active FROM pg_replication_slots WHERE slot_name = ?")) {
            ps.setString(1, Names.REPLICATION_SLOT);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return new Health(Service.DEBEZIUM, address, false, "no replication slot: the connector never started");
                return rs.getBoolean(1) ? new Health(Service.DEBEZIUM, address, true, "")
                        : new Health(Service.DEBEZIUM, address, false, "slot inactive: the connector is not streaming");
            }
        } catch (Exception e) {
            return new Health(Service.DEBEZIUM, address, false, e.getMessage());
        }
    }

    static Health processor(Settings s) {
        String address = GROUP;
        try (Admin admin = Clients.kafkaAdmin(s.kafkaBootstrapServers(), "health-check", TIMEOUT)) {
            ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(Names.CONSUMER_GROUP))
                    .describedGroups().get(Names.CONSUMER_GROUP).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            int members = d.members().size();
            return members > 0 ? new Health(Service.PROCESSOR, address + " (" + members + (members == 1 ? " member)" : " members)"), true, "")
                    : new Health(Service.PROCESSOR, address, false, "no processor is consuming (group " + d.groupState() + ")");
        } catch (Exception e) {
            Throwable c = e.getCause() != null ? e.getCause() : e;
            return new Health(Service.PROCESSOR, address, false, c.getClass().getSimpleName() + ": " + c.getMessage());
        }
    }

    private static Throwable rootCause(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t;
    }

    private static String firstLine(String s) {
        if (s == null) return "unknown error";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
