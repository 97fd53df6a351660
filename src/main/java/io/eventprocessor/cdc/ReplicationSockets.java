package io.eventprocessor.cdc;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.SocketFactory;

/**
 * pgjdbc's socket factory for the embedded relay's database connections ({@code database.socketFactory}; pgjdbc hands
 * it the connection's properties): the replication connection gets a {@link DataWaitingSocket}, kept under the relay
 * named by {@code socketFactoryArg} so that {@link DataWait} can wait on it, until it is closed; every other connection
 * a plain socket.
 */
public final class ReplicationSockets extends SocketFactory {
    private static final Map<String, DataWaitingSocket> BY_RELAY = new ConcurrentHashMap<>();

    private final String relay;
    private final boolean replication;

    /** Called by pgjdbc with the connection's properties. */
    public ReplicationSockets(Properties connection) {
        this.relay = connection.getProperty("socketFactoryArg");
        this.replication = connection.getProperty("replication") != null;
    }

    /** Connector properties that make {@code relayId}'s connections use this factory. */
    static void configure(Properties props, String relayId) {
        props.put("database.socketFactory", ReplicationSockets.class.getName());
        props.put("database.socketFactoryArg", relayId);
    }

    /** The newest replication socket of {@code relay}, if it has one. */
    static DataWaitingSocket of(String relay) {
        return relay == null ? null : BY_RELAY.get(relay);
    }

    @Override
    public Socket createSocket() {
        if (!replication || relay == null) return new Socket();
        DataWaitingSocket socket = new DataWaitingSocket(closed -> BY_RELAY.remove(relay, closed));
        BY_RELAY.put(relay, socket);
        return socket;
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return new Socket(host, port);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return new Socket(host, port, localHost, localPort);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return new Socket(host, port);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return new Socket(address, port, localAddress, localPort);
    }
}
