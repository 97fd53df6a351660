package io.eventprocessor.stack;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.eventprocessor.config.ConfigException;
import io.eventprocessor.config.Settings;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.bson.Document;

/**
 * Checks that each configured service is there and usable, in parallel, in well under 10 seconds, and says
 * for each one that is not: which service, at which address, what is wrong and how to fix it.
 */
public final class Connectivity {
    private Connectivity() {}

    /** Each check gives up after this long; they run at once, so the whole check takes about as long. */
    static final int TIMEOUT_SECONDS = 6;

    public enum Service {
        POSTGRESQL("PostgreSQL"), KAFKA("Kafka"), MONGODB("MongoDB");

        private final String label;

        Service(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** One service's state; {@code problem} is empty when it is fine. */
    public record Status(Service service, String address, boolean ok, String problem) {
        public String describe() {
            return ok ? service.label() + " at " + address : service.label() + " at " + address + ": " + problem;
        }
    }

    public static List<Status> check(Settings settings) {
        var postgres = CompletableFuture.supplyAsync(() -> postgres(settings));
        var kafka = CompletableFuture.supplyAsync(() -> kafka(settings));
        var mongo = CompletableFuture.supplyAsync(() -> mongo(settings));
        return List.of(postgres.join(), kafka.join(), mongo.join());
    }

    /** Throws a {@link ConfigException} naming every service that is not usable. */
    public static void requireAll(Settings settings) {
        List<String> problems = check(settings).stream().filter(s -> !s.ok()).map(Status::describe).toList();
        if (!problems.isEmpty()) throw new ConfigException(String.join("\n", problems));
    }

    static Status postgres(Settings s) {
        String address = s.postgresAddress() + "/" + s.postgresDb();
        Properties p = new Properties();
        p.put("user", s.postgresUser());
        p.put("password", s.postgresPassword());
        p.put("connectTimeout", Integer.toString(TIMEOUT_SECONDS));
        p.put("loginTimeout", Integer.toString(TIMEOUT_SECONDS));
        p.put("socketTimeout", Integer.toString(TIMEOUT_SECONDS));
        try (Connection c = DriverManager.getConnection(s.jdbcUrl(), p); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SHOW wal_level")) {
            rs.next();
            String walLevel = rs.getString(1);
            if (!"logical".equals(walLevel)) {
                return new Status(Service.POSTGRESQL, address, false, "wal_level is '" + walLevel
                        + "', but change data capture needs logical decoding. Fix: set wal_level = logical in postgresql.conf "
                        + "(or start the server with -c wal_level=logical) and restart PostgreSQL.");
            }
            return new Status(Service.POSTGRESQL, address, true, "");
        } catch (SQLException e) {
            return new Status(Service.POSTGRESQL, address, false, postgresProblem(e, s));
        }
    }

    private static String postgresProblem(SQLException e, Settings s) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        Throwable root = rootCause(e);
        if (root instanceof ConnectException || "08001".equals(state) && root instanceof java.io.IOException) {
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

    static Status kafka(Settings s) {
        String address = s.kafkaBootstrapServers();
        Properties p = new Properties();
        p.put("bootstrap.servers", address);
        p.put("request.timeout.ms", Integer.toString(TIMEOUT_SECONDS * 1000));
        p.put("default.api.timeout.ms", Integer.toString(TIMEOUT_SECONDS * 1000));
        p.put("socket.connection.setup.timeout.ms", "2000");
        p.put("socket.connection.setup.timeout.max.ms", "3000");
        p.put("reconnect.backoff.max.ms", "1000");
        try (Admin admin = Admin.create(p)) {
            int brokers = admin.describeCluster().nodes().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).size();
            if (brokers == 0) return new Status(Service.KAFKA, address, false, "the cluster reports no brokers.");
            return new Status(Service.KAFKA, address, true, "");
        } catch (org.apache.kafka.common.KafkaException e) {
            return new Status(Service.KAFKA, address, false, firstLine(rootCause(e).getMessage())
                    + ". Fix: set " + Settings.KAFKA_BOOTSTRAP_SERVERS + " to host:port of a broker listener, e.g. localhost:9092.");
        } catch (java.util.concurrent.TimeoutException e) {
            return kafkaSilent(address);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) return kafkaSilent(address);
            return new Status(Service.KAFKA, address, false, firstLine(rootCause(e).toString()) + ". Fix: check "
                    + Settings.KAFKA_BOOTSTRAP_SERVERS + ".");
        } catch (Exception e) {
            return new Status(Service.KAFKA, address, false, firstLine(rootCause(e).toString()) + ". Fix: check "
                    + Settings.KAFKA_BOOTSTRAP_SERVERS + ".");
        }
    }

    private static Status kafkaSilent(String address) {
        return new Status(Service.KAFKA, address, false, "no broker answered within " + TIMEOUT_SECONDS
                + " s. Fix: start Kafka there, or set " + Settings.KAFKA_BOOTSTRAP_SERVERS
                + " to a reachable broker listener (host:port, as advertised by the broker).");
    }

    static Status mongo(Settings s) {
        ConnectionString uri;
        try {
            uri = new ConnectionString(s.mongoUri());
        } catch (IllegalArgumentException e) {
            return new Status(Service.MONGODB, s.mongoUri(), false, Settings.MONGODB_URI + " is not a MongoDB connection string ("
                    + firstLine(e.getMessage()) + "). Fix: use the form mongodb://host:27017 or mongodb+srv://user:pass@cluster.example.net.");
        }
        String address = String.join(",", uri.getHosts());
        MongoClientSettings settings = MongoClientSettings.builder()
                .applyConnectionString(uri)
                .applyToClusterSettings(b -> b.serverSelectionTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS))
                .applyToSocketSettings(b -> b.connectTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS))
                .build();
        try (MongoClient client = MongoClients.create(settings)) {
            client.getDatabase(s.mongoDatabase()).runCommand(new Document("ping", 1));
            return new Status(Service.MONGODB, address, true, "");
        } catch (com.mongodb.MongoTimeoutException e) {
            return new Status(Service.MONGODB, address, false, "no MongoDB server answered within " + TIMEOUT_SECONDS
                    + " s. Fix: start MongoDB there, or set " + Settings.MONGODB_URI + " to a reachable server.");
        } catch (com.mongodb.MongoSecurityException e) {
            return new Status(Service.MONGODB, address, false, "authentication failed. Fix: put valid credentials in "
                    + Settings.MONGODB_URI + ".");
        } catch (RuntimeException e) {
            return new Status(Service.MONGODB, address, false, firstLine(e.getMessage()) + ". Fix: check " + Settings.MONGODB_URI + ".");
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
