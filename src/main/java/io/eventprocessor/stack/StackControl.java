package io.eventprocessor.stack;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventprocessor.config.ConfigException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** The client of a background stack's {@link ControlServer}, found through its stack.env. */
public final class StackControl implements FaultTarget {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final String token;

    private StackControl(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    /** The control channel of the running local stack in {@code home}, or a message saying why there is none. */
    public static StackControl of(StackState state) {
        StackState.Running running = state.running().orElseThrow(() -> new ConfigException("No local stack is running in "
                + state.home() + ": faults are injected into the embedded stack. Start it with `event-processor stack up`."));
        return of(running.env());
    }

    static StackControl of(Map<String, String> env) {
        String port = env.get(ControlServer.PORT);
        String token = env.get(ControlServer.TOKEN);
        if (port == null || token == null) {
            throw new ConfigException("The running stack has no control channel (it was started by an older version): "
                    + "restart it with `event-processor stack down` and `event-processor stack up`.");
        }
        return new StackControl(URI.create("http://127.0.0.1:" + port.trim()), token.trim());
    }

    @Override
    public Injection inject(Fault fault, Duration down) throws IOException, InterruptedException {
        String body = StatusJson.JSON.createObjectNode().put("fault", fault.key()).put("seconds", down.toMillis() / 1000.0).toString();
        return StatusJson.injection(call(HttpRequest.newBuilder(base.resolve("/faults"))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))));
    }

    /** True when the stack answers on its control channel within {@code timeout}: it is up, not merely a process still dying. */
    public boolean answers(Duration timeout) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/status")).timeout(timeout)
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The stack JVM's JIT compilers' total time so far, in milliseconds ({@link CompilerQuiet}). */
    public long compileMillis() throws IOException, InterruptedException {
        return call(HttpRequest.newBuilder(base.resolve("/compiler")).GET()).path("compile_ms").asLong();
    }

    /** What {@link #yieldCompilers} did: how many compiler threads it lowered, and whether it closed the optimizing compiler. */
    public record Yielded(int threads, boolean optimizingClosed) {}

    /** Puts the stack JVM's JIT compilers at the lowest scheduling priority and closes the optimizing one ({@link CompilerThreads}). */
    public Yielded yieldCompilers() throws IOException, InterruptedException {
        JsonNode answer = call(HttpRequest.newBuilder(base.resolve("/compiler/yield")).POST(HttpRequest.BodyPublishers.noBody()));
        return new Yielded(answer.path("compiler_threads").asInt(), answer.path("optimizing_compiler_closed").asBoolean());
    }

    @Override
    public StackStatus status() throws IOException, InterruptedException {
        return StatusJson.status(call(HttpRequest.newBuilder(base.resolve("/status")).GET()));
    }

    private JsonNode call(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.timeout(TIMEOUT).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        JsonNode body = StatusJson.JSON.readTree(response.body());
        if (response.statusCode() == 200) return body;
        String error = body.path("error").asText("HTTP " + response.statusCode());
        if (response.statusCode() == 409) throw new IllegalStateException(error);
        throw new IOException("The stack's control channel answered " + response.statusCode() + ": " + error);
    }
}
