package io.eventprocessor.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventprocessor.contract.Names;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The Kafka Connect worker, in distributed mode (Kafka's own {@code ConnectDistributed}), with the Debezium PostgreSQL
 * connector on its plugin path. Its properties are docker/connect.env's, as the debezium/connect image reads them, plus
 * where the brokers are and where its REST API listens (loopback only). The connector is registered over that API from
 * the very file compose registers, with the database's address put in.
 */
public record ConnectNode(ClusterHome home, ClusterPorts ports) {
    static final String MAIN = "org.apache.kafka.connect.cli.ConnectDistributed";
    static final String NAME = "connect-1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public String url() {
        return "http://127.0.0.1:" + ports.connect();
    }

    Path config() {
        return home.conf().resolve("connect-distributed.properties");
    }

    public Properties properties(Map<String, String> connectEnv) {
        Map<String, String> env = new LinkedHashMap<>(connectEnv);
        env.put("BOOTSTRAP_SERVERS", ports.bootstrap(false));
        Properties p = new Properties();
        p.putAll(ImageEnv.connectProperties(env));
        p.setProperty("listeners", url());
        p.setProperty("rest.advertised.host.name", "127.0.0.1");
        p.setProperty("rest.advertised.port", Integer.toString(ports.connect()));
        p.setProperty("plugin.path", home.app().resolve("connect-plugins").toString());
        return p;
    }

    long start(Map<String, String> connectEnv, Path logbackConfig) throws IOException {
        PropertiesFile.write(config(), "Kafka Connect worker: docker/connect.env plus the brokers' and the REST API's addresses",
                properties(connectEnv));
        List<String> command = new ArrayList<>(List.of(NodeProcesses.java()));
        command.addAll(ImageEnv.connectJvmOptions(connectEnv));
        command.add("-Dlogback.configurationFile=" + logbackConfig);
        command.addAll(List.of("-cp", home.app().resolve("connect-worker") + "/*", MAIN, config().toString()));
        return NodeProcesses.spawn(command, Map.of(), home.log(NAME));
    }

    /** The committed connector JSON with the database's address of this cluster put in. */
    public static String connectorConfig(Path json, int postgresPort) throws IOException {
        ObjectNode config = (ObjectNode) JSON.readTree(json.toFile());
        config.put("database.hostname", "127.0.0.1");
        config.put("database.port", Integer.toString(postgresPort));
        return JSON.writeValueAsString(config);
    }

    /** PUT .../config creates or updates; Connect refuses while its group rebalances, so this retries until {@code deadlineNanos}. */
    void register(String config, long deadlineNanos) throws Exception {
        URI uri = URI.create(url() + "/connectors/" + Names.CONNECTOR_NAME + "/config");
        String last = "no answer";
        while (System.nanoTime() < deadlineNanos) {
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(config)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 || r.statusCode() == 201) return;
                last = "HTTP " + r.statusCode() + " " + r.body();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Kafka Connect at " + url() + " did not accept the connector: " + last);
    }

    /** Connector and task state, e.g. "RUNNING/RUNNING", or what went wrong. */
    String status() {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/connectors/" + Names.CONNECTOR_NAME + "/status"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) return "HTTP " + r.statusCode();
            JsonNode s = JSON.readTree(r.body());
            StringBuilder out = new StringBuilder(s.path("connector").path("state").asText("?"));
            for (JsonNode task : s.path("tasks")) {
                out.append('/').append(task.path("state").asText("?"));
                if (task.hasNonNull("trace")) out.append(" (").append(task.get("trace").asText().lines().findFirst().orElse("")).append(')');
            }
            return out.toString();
        } catch (IOException e) {
            return "unreachable (" + e.getClass().getSimpleName() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** Waits until the connector and its task run; a failed task ends the wait with its reason. */
    void awaitRunning(long deadlineNanos) throws InterruptedException {
        String last = "";
        while (System.nanoTime() < deadlineNanos) {
            last = status();
            if (last.equals("RUNNING/RUNNING")) return;
            if (last.contains("FAILED")) break;
            Thread.sleep(250);
        }
        throw new IllegalStateException("Connector " + Names.CONNECTOR_NAME + " is not running: " + last + "; see " + home.log(NAME));
    }
}
