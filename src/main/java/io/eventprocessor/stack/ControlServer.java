package io.eventprocessor.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.eventprocessor.contract.Messages;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background stack's control channel: HTTP on a loopback port, every request carrying the random token that only
 * stack.env (mode 0600) holds. {@code POST /faults {"fault": "processor-crash", "seconds": 10}} injects a fault,
 * {@code GET /status} tells what the supervisor knows, {@code GET /compiler} the JIT compilers' total time so far
 * ({@link CompilerQuiet}), {@code POST /compiler/yield} puts the compilers at the lowest priority and closes the optimizing
 * one to new work ({@link CompilerThreads}). Nothing else is served; the token never appears in a log.
 */
public final class ControlServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ControlServer.class);
    static final String PORT = "EVENT_PROCESSOR_CONTROL_PORT";
    static final String TOKEN = "EVENT_PROCESSOR_CONTROL_TOKEN";
    /** Largest request body read; a fault request is a few dozen bytes. */
    private static final int MAX_BODY = 4096;

    private final HttpServer server;
    private final String token;

    private ControlServer(HttpServer server, String token) {
        this.server = server;
        this.token = token;
    }

    public static ControlServer start(FaultTarget stack) throws IOException {
        String token = PrivateFiles.newSecret(32);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        ControlServer control = new ControlServer(server, token);
        server.createContext("/faults", exchange -> control.handle(exchange, "POST", () -> {
            JsonNode body = StatusJson.JSON.readTree(readBody(exchange.getRequestBody()));
            Fault fault = Fault.parse(body.path("fault").asText());
            Duration down = body.has("seconds") ? Duration.ofMillis(Math.round(body.path("seconds").asDouble() * 1000))
                    : fault.defaultDuration();
            return StatusJson.injection(stack.inject(fault, down));
        }));
        server.createContext("/status", exchange -> control.handle(exchange, "GET", () -> StatusJson.status(stack.status())));
        server.createContext("/compiler", exchange -> control.handle(exchange, "GET", () -> StatusJson.JSON.createObjectNode()
                .put("compile_ms", ManagementFactory.getCompilationMXBean().getTotalCompilationTime())));
        server.createContext("/compiler/yield", exchange -> control.handle(exchange, "POST", () -> StatusJson.JSON.createObjectNode()
                .put("compiler_threads", CompilerThreads.yieldToThePipeline())
                .put("optimizing_compiler_closed", CompilerThreads.closeOptimizingCompiler())));
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "stack-control");
            t.setDaemon(true);
            return t;
        }));
        server.start();
        return control;
    }

    /** The lines stack.env gets, so that clients can find and use this channel. */
    public Map<String, String> env() {
        return Map.of(PORT, Integer.toString(server.getAddress().getPort()), TOKEN, token);
    }

    private interface Call {
        ObjectNode answer() throws Exception;
    }

    private void handle(HttpExchange exchange, String method, Call call) throws IOException {
        try (exchange) {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (auth == null || !MessageDigest.isEqual(auth.getBytes(StandardCharsets.UTF_8),
                    ("Bearer " + token).getBytes(StandardCharsets.UTF_8))) {
                send(exchange, 401, error("missing or wrong token (it is in stack.env)"));
                return;
            }
            if (!method.equals(exchange.getRequestMethod())) {
                send(exchange, 405, error("use " + method));
                return;
            }
            try {
                send(exchange, 200, call.answer());
            } catch (IllegalArgumentException | IllegalStateException e) {
                send(exchange, 409, error(Messages.describe(e)));
            } catch (Exception e) {
                log.warn("Control request {} failed", exchange.getRequestURI().getPath(), e);
                send(exchange, 500, error(Messages.describe(e)));
            }
        }
    }

    private static ObjectNode error(String message) {
        return StatusJson.JSON.createObjectNode().put("error", message);
    }

    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) throw new IllegalArgumentException("request body over " + MAX_BODY + " bytes");
        return body;
    }

    private static void send(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
