package io.eventprocessor.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Loopback port choice: the usual port when it is free, otherwise any free one. */
public final class Ports {
    private Ports() {}

    /** {@code preferred} if it can be bound on loopback now; 0 means "any free port". */
    public static int preferOrFree(int preferred) {
        if (preferred > 0 && isFree(preferred)) return preferred;
        return free();
    }

    /** The port of a {@code host:port} address (of a list, the last one's). */
    public static int of(String address) {
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1).trim());
    }

    public static int free() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free loopback port", e);
        }
    }

    public static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
