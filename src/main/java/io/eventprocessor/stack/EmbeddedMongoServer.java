package io.eventprocessor.stack;

import de.bwaldvogel.mongo.MongoServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The one stand-in of the embedded stack: a MongoDB wire-protocol server (mongo-java-server) over a {@link DiskBackend},
 * which keeps the documents in scratch files and only their slots and unique indexes on the heap, so the stack's memory
 * does not grow with the read models. Everything talks to it through the official MongoDB driver over TCP, exactly as to
 * a real MongoDB; its data lives as long as the stack process. Point MONGODB_URI at a real MongoDB to leave it out.
 *
 * <p>It can be made unreachable for a while ({@link #pause}, {@link #resume}), as a MongoDB that goes away and comes back:
 * the listening socket and every client connection are closed, then a new server binds the same address. The data
 * survives because both servers share one backend whose {@code close()} (which mongo-java-server calls on shutdown and
 * which would clear every database) only takes effect when the stack closes for good.
 */
public final class EmbeddedMongoServer implements AutoCloseable {
    private final KeptBackend backend;
    private final InetSocketAddress address;
    private MongoServer server;

    private EmbeddedMongoServer(KeptBackend backend, MongoServer server, InetSocketAddress address) {
        this.backend = backend;
        this.server = server;
        this.address = address;
    }

    /** Listens on {@code port} of loopback (0: any free one), keeping documents in files under {@code directory}. */
    public static EmbeddedMongoServer start(int port, Path directory) {
        KeptBackend backend = new KeptBackend(directory);
        MongoServer server = new MongoServer(backend);
        server.bind(new InetSocketAddress("127.0.0.1", port));
        return new EmbeddedMongoServer(backend, server, server.getLocalAddress());
    }

    /** Closes the port and every connection; the data stays for {@link #resume}. */
    public synchronized void pause() {
        if (server == null) return;
        server.shutdownNow();
        server = null;
    }

    /** Listens again on the same address, with the same data. */
    public synchronized void resume() {
        if (server != null) return;
        MongoServer s = new MongoServer(backend);
        s.bind(address);
        server = s;
    }

    public synchronized boolean isPaused() {
        return server == null;
    }

    /** A backend that keeps its databases when the server over it shuts down, until {@link #closeForGood}. */
    private static final class KeptBackend extends DiskBackend {
        private volatile boolean closing;

        KeptBackend(Path directory) {
            super(directory);
        }

        @Override
        public void close() {
            if (!closing) return;
            super.close();
            deleteFiles();
        }

        void closeForGood() {
            closing = true;
            close();
        }
    }

    /** What the report calls this server: it is not MongoDB, whatever version it announces on the wire. */
    public static String description() {
        String version = "unknown";
        try (var in = EmbeddedMongoServer.class.getResourceAsStream("versions.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                version = p.getProperty("mongo-java-server", version);
            }
        } catch (IOException ignored) {
            // version stays unknown
        }
        return "mongo-java-server " + version + " (MongoDB wire-protocol stand-in, documents in scratch files)";
    }

    public String uri() {
        return "mongodb://" + address.getHostString() + ":" + address.getPort();
    }

    @Override
    public synchronized void close() {
        if (server != null) server.shutdownNow();
        server = null;
        backend.closeForGood();
    }
}
