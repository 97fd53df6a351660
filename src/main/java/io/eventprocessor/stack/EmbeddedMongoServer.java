package io.eventprocessor.stack;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Properties;

/**
 * The one stand-in of the embedded stack: a MongoDB wire-protocol server (mongo-java-server, in memory).
 * Everything talks to it through the official MongoDB driver over TCP, exactly as to a real MongoDB; its data
 * lives as long as the stack process. Point MONGODB_URI at a real MongoDB to leave it out.
 */
public final class EmbeddedMongoServer implements AutoCloseable {
    private final MongoServer server;
    private final InetSocketAddress address;

    private EmbeddedMongoServer(MongoServer server, InetSocketAddress address) {
        this.server = server;
        this.address = address;
    }

    public static EmbeddedMongoServer start(int port) {
        MongoServer server = new MongoServer(new MemoryBackend());
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
        server.bind(address);
        return new EmbeddedMongoServer(server, server.getLocalAddress());
    }

    /** What the report calls this server: it is not MongoDB, whatever version it announces on the wire. */
    public static String description() {
        String version = "unknown";
        try (var in = MongoServer.class.getResourceAsStream("/META-INF/maven/de.bwaldvogel/mongo-java-server/pom.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                version = p.getProperty("version", version);
            }
        } catch (IOException ignored) {
            // version stays unknown
        }
        return "mongo-java-server " + version + " (MongoDB wire-protocol stand-in, in memory)";
    }

    public String uri() {
        return "mongodb://" + address.getHostString() + ":" + address.getPort();
    }

    @Override
    public void close() {
        server.shutdownNow();
    }
}
