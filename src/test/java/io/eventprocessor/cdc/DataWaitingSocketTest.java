package io.eventprocessor.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.debezium.connector.postgresql.PostgresStreamingChangeEventSource;
import io.debezium.util.DelayStrategy;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class DataWaitingSocketTest {
    private ServerSocket server;
    private DataWaitingSocket client;
    private Socket peer;

    @BeforeEach
    void connect() throws Exception {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        client = new DataWaitingSocket(closed -> {});
        client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()));
        peer = server.accept();
    }

    @AfterEach
    void close() throws Exception {
        client.close();
        peer.close();
        server.close();
    }

    private void send(String text) throws Exception {
        OutputStream out = peer.getOutputStream();
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private String read(int bytes) throws Exception {
        return new String(client.getInputStream().readNBytes(bytes), StandardCharsets.US_ASCII);
    }

    @Test
    void aWaitEndsWhenTheServerSendsAndItsBytesStayForTheReader() throws Exception {
        CompletableFuture<Boolean> waited = CompletableFuture.supplyAsync(() -> {
            try {
                return client.awaitData(60_000);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(100);
        assertThat(waited).isNotDone();
        send("hello");
        // Without the wake-up the wait would last its whole minute and the test time out.
        assertThat(waited.get(20, TimeUnit.SECONDS)).isTrue();
        assertThat(client.getInputStream().available()).isPositive();
        send(" world");
        assertThat(read(11)).isEqualTo("hello world");
    }

    @Test
    void aWaitWithNothingSentEndsAtItsTimeoutAndLeavesTheSocketsOwnTimeout() throws Exception {
        client.setSoTimeout(4321);
        assertThat(client.awaitData(50)).isFalse();
        assertThat(client.getSoTimeout()).isEqualTo(4321);
        send("x");
        assertThat(read(1)).isEqualTo("x");
    }

    @Test
    void aShortReadTimeoutStillEndsAnEmptyRead() throws Exception {
        client.setSoTimeout(1);
        InputStream in = client.getInputStream();
        assertThatThrownBy(in::read).isInstanceOf(SocketTimeoutException.class);
        send("ab");
        assertThat(client.awaitData(60_000)).isTrue();
        assertThat(in.read()).isEqualTo('a');
        assertThat(in.read(new byte[8], 0, 8)).isEqualTo(1);
    }

    @Test
    void pgjdbcsPeekFindingNoByteFailsWithoutAStackTraceAndReadsTheBytesOnceSent() throws Exception {
        client.setSoTimeout(DataWaitingSocket.PEEK_TIMEOUT_MILLIS);
        InputStream in = client.getInputStream();
        byte[] buffer = new byte[8];
        assertThatThrownBy(() -> in.read(buffer, 0, 8)).isInstanceOf(SocketTimeoutException.class)
                .satisfies(e -> assertThat(e.getStackTrace()).isEmpty());
        assertThatThrownBy(in::read).isInstanceOf(SocketTimeoutException.class);
        send("ab");
        while (in.available() == 0) Thread.sleep(1);
        assertThat(in.read(buffer, 0, 8)).isEqualTo(2);
        assertThat(new String(buffer, 0, 2, StandardCharsets.US_ASCII)).isEqualTo("ab");
    }

    @Test
    void aReadWithALongerTimeoutIsTheSocketsOwnTimedRead() throws Exception {
        client.setSoTimeout(20);
        assertThatThrownBy(() -> client.getInputStream().read()).isInstanceOf(SocketTimeoutException.class)
                .satisfies(e -> assertThat(e.getStackTrace()).isNotEmpty());
    }

    @Test
    void aClosedConnectionEndsTheStreamAndTheWaitsStillWait() throws Exception {
        send("z");
        peer.close();
        assertThat(client.awaitData(60_000)).isTrue();
        assertThat(read(1)).isEqualTo("z");
        long before = System.nanoTime();
        assertThat(client.awaitData(200)).isFalse();
        assertThat(client.getInputStream().read()).isEqualTo(-1);
        assertThat(client.awaitData(200)).isFalse();
        // Returning at once would let Debezium's loop, which cannot see the end of the stream, spin.
        assertThat(System.nanoTime() - before).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(400));
    }

    @Test
    void onlyTheReplicationConnectionGetsAWaitingSocketKeptUnderItsRelayUntilClosed() throws Exception {
        Properties replication = new Properties();
        replication.setProperty("replication", "database");
        replication.setProperty("socketFactoryArg", "relay-a");
        Socket socket = new ReplicationSockets(replication).createSocket();
        assertThat(socket).isInstanceOf(DataWaitingSocket.class);
        assertThat(ReplicationSockets.of("relay-a")).isSameAs(socket);
        socket.close();
        assertThat(ReplicationSockets.of("relay-a")).isNull();

        Properties plain = new Properties();
        plain.setProperty("socketFactoryArg", "relay-b");
        assertThat(new ReplicationSockets(plain).createSocket()).isNotInstanceOf(DataWaitingSocket.class);
        assertThat(ReplicationSockets.of("relay-b")).isNull();
    }

    @Test
    void debeziumsStreamingSourceStillHasThePauseTheWaitReplaces() throws Exception {
        assertThat(PostgresStreamingChangeEventSource.class.getDeclaredField(DataWait.FIELD).getType())
                .isEqualTo(DelayStrategy.class);
    }
}
