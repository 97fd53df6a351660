package io.eventprocessor.config;

import io.eventprocessor.contract.Names;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where the pipeline's services are. Read from the environment variables POSTGRES_*, KAFKA_BOOTSTRAP_SERVERS, MONGODB_*; a service whose
 * variables are absent is started embedded. {@link #toEnv()} writes the same variable names back, so a
 * running local stack can be described as shell-sourceable {@code KEY=value} lines.
 */
public record Settings(
        String postgresHost,
        int postgresPort,
        String postgresDb,
        String postgresUser,
        String postgresPassword,
        String kafkaBootstrapServers,
        String mongoUri,
        String mongoDatabase,
        Optional<Path> metricsFile) {

    public static final String POSTGRES_HOST = "POSTGRES_HOST";
    public static final String POSTGRES_PORT = "POSTGRES_PORT";
    public static final String POSTGRES_DB = "POSTGRES_DB";
    public static final String POSTGRES_USER = "POSTGRES_USER";
    public static final String POSTGRES_PASSWORD = "POSTGRES_PASSWORD";
    public static final String KAFKA_BOOTSTRAP_SERVERS = "KAFKA_BOOTSTRAP_SERVERS";
    public static final String MONGODB_URI = "MONGODB_URI";
    public static final String MONGODB_DATABASE = "MONGODB_DATABASE";
    public static final String METRICS_FILE = "METRICS_FILE";
    /** Where local state lives (stack.env, offsets, data); default {@code .event-processor} in the working directory. */
    public static final String EVENT_PROCESSOR_HOME = "EVENT_PROCESSOR_HOME";

    public static final String DEFAULT_USER = "postgres";
    public static final String DEFAULT_PASSWORD = "postgres";

    /** True when the environment names an external PostgreSQL, Kafka or MongoDB. */
    public static boolean externalConfigured(Map<String, String> env) {
        return nonBlank(env.get(POSTGRES_HOST)) || nonBlank(env.get(KAFKA_BOOTSTRAP_SERVERS)) || nonBlank(env.get(MONGODB_URI));
    }

    /**
     * Settings for external services, from the environment. All three services must be named: a half-external
     * pipeline is almost always a mistake, so it is refused with the names of the missing variables.
     */
    public static Settings fromEnv(Map<String, String> env) {
        StringBuilder missing = new StringBuilder();
        for (String key : new String[] {POSTGRES_HOST, KAFKA_BOOTSTRAP_SERVERS, MONGODB_URI}) {
            if (!nonBlank(env.get(key))) missing.append(missing.length() == 0 ? "" : ", ").append(key);
        }
        if (missing.length() > 0) {
            throw new ConfigException("External mode needs " + missing + " as well (set all of POSTGRES_HOST, "
                    + "KAFKA_BOOTSTRAP_SERVERS and MONGODB_URI, or none of them to use the embedded stack).");
        }
        int port;
        try {
            port = Integer.parseInt(env.getOrDefault(POSTGRES_PORT, "5432").trim());
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 1 || port > 65535) {
            throw new ConfigException(POSTGRES_PORT + "=" + env.get(POSTGRES_PORT) + " is not a port number: set it to PostgreSQL's port, "
                    + "1 to 65535 (e.g. " + POSTGRES_PORT + "=5432), or unset it for 5432.");
        }
        return new Settings(
                env.get(POSTGRES_HOST).trim(),
                port,
                env.getOrDefault(POSTGRES_DB, Names.DATABASE),
                env.getOrDefault(POSTGRES_USER, DEFAULT_USER),
                env.getOrDefault(POSTGRES_PASSWORD, DEFAULT_PASSWORD),
                env.get(KAFKA_BOOTSTRAP_SERVERS).trim(),
                env.get(MONGODB_URI).trim(),
                env.getOrDefault(MONGODB_DATABASE, Names.MONGO_DATABASE),
                metricsFile(env));
    }

    public static Optional<Path> metricsFile(Map<String, String> env) {
        return Optional.ofNullable(env.get(METRICS_FILE)).filter(Settings::nonBlank).map(Path::of);
    }

    /** The state directory: {@code $EVENT_PROCESSOR_HOME}, else {@code .event-processor} under the working directory. */
    public static Path home(Map<String, String> env) {
        String home = env.get(EVENT_PROCESSOR_HOME);
        return (nonBlank(home) ? Path.of(home) : Path.of(".event-processor")).toAbsolutePath().normalize();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + postgresHost + ":" + postgresPort + "/" + postgresDb;
    }

    public String postgresAddress() {
        return postgresHost + ":" + postgresPort;
    }

    public Settings withMetricsFile(Optional<Path> file) {
        return new Settings(postgresHost, postgresPort, postgresDb, postgresUser, postgresPassword,
                kafkaBootstrapServers, mongoUri, mongoDatabase, file);
    }

    /** The settings as environment variables, in the order a person reads them. */
    public Map<String, String> toEnv() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(POSTGRES_HOST, postgresHost);
        env.put(POSTGRES_PORT, Integer.toString(postgresPort));
        env.put(POSTGRES_DB, postgresDb);
        env.put(POSTGRES_USER, postgresUser);
        env.put(POSTGRES_PASSWORD, postgresPassword);
        env.put(KAFKA_BOOTSTRAP_SERVERS, kafkaBootstrapServers);
        env.put(MONGODB_URI, mongoUri);
        env.put(MONGODB_DATABASE, mongoDatabase);
        metricsFile.ifPresent(f -> env.put(METRICS_FILE, f.toString()));
        return env;
    }

    /** What may be printed or logged: no password, the MongoDB URI without its credentials ({@link #redactUri}). */
    @Override
    public String toString() {
        return "PostgreSQL " + postgresAddress() + "/" + postgresDb + ", Kafka " + kafkaBootstrapServers
                + ", MongoDB " + redactUri(mongoUri) + "/" + mongoDatabase;
    }

    /**
     * A connection URI as it may be printed, logged, shown or reported: whatever stands between {@code ://} and the last
     * {@code @} (user and password; in a malformed URI, often an unescaped character of the password) becomes
     * {@code ***}, and the query (which can carry credentials too) is left out. Works on URIs no parser accepts.
     */
    public static String redactUri(String uri) {
        if (uri == null) return null;
        int scheme = uri.indexOf("://");
        String head = scheme < 0 ? "" : uri.substring(0, scheme + 3);
        String rest = scheme < 0 ? uri : uri.substring(scheme + 3);
        int at = rest.lastIndexOf('@');
        if (at >= 0) rest = "***" + rest.substring(at);
        int query = rest.indexOf('?');
        if (query >= 0) rest = rest.substring(0, query) + "?...";
        return head + rest;
    }

    /** {@code text} with the credentials of {@code uri} (see {@link #redactUri}) replaced wherever they appear in it. */
    public static String redactIn(String text, String uri) {
        if (text == null || uri == null) return text;
        int scheme = uri.indexOf("://");
        String rest = scheme < 0 ? uri : uri.substring(scheme + 3);
        int at = rest.lastIndexOf('@');
        String out = text.replace(uri, redactUri(uri));
        if (at > 0) out = out.replace(rest.substring(0, at), "***");
        return out;
    }

    private static boolean nonBlank(String s) {
        return s != null && !s.isBlank();
    }
}
