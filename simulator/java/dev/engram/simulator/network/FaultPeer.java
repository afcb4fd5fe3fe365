package dev.engram.simulator.network;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A real loopback TCP peer in front of a service (the VoiceLive simulator), misbehaving as one of the network faults
 * of {@code simulator/data/network-faults.json}: a black hole (TCP accepted, the upgrade never answered), a slow
 * handshake, a cold start (the first N connections closed at once), a connection dropped mid-response (the client sees
 * 1006), or nothing listening at all. {@link #clear()} turns it into a plain relay, so recovery can be observed.
 */
public final class FaultPeer implements AutoCloseable {
    private final NetworkFault fault;
    private final InetSocketAddress upstream;
    private final ServerSocket server;
    private final int port;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fault-peer");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger accepted = new AtomicInteger();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile boolean cleared;

    private FaultPeer(NetworkFault fault, InetSocketAddress upstream) throws IOException {
        this.fault = fault;
        this.upstream = upstream;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.port = server.getLocalPort();
        if (fault.kind().equals("refused")) {
            server.close(); // the port was free a moment ago and nothing listens there now
        } else {
            threads.execute(this::acceptLoop);
        }
    }

    /** Starts the fault in front of {@code upstream} (host:port of the real service). */
    public static FaultPeer start(NetworkFault fault, InetSocketAddress upstream) {
        try {
            return new FaultPeer(fault, upstream);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the network fault " + fault.name() + ": " + e.getMessage(), e);
        }
    }

    /** The URL that reaches the service through this fault ({@code http://127.0.0.1:port}). */
    public String url() {
        return fault.kind().equals("unresolvable") ? "http://voicelive.engram-fault.invalid:" + port : "http://127.0.0.1:" + port;
    }

    /** How many connections this peer has accepted. */
    public int accepted() {
        return accepted.get();
    }

    /** The fault is gone: from now on the peer relays every connection untouched. */
    public void clear() {
        cleared = true;
        open.forEach(FaultPeer::closeQuietly);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                open.add(client);
                int n = accepted.incrementAndGet();
                threads.execute(() -> handle(client, n));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void handle(Socket client, int n) {
        try {
            if (!cleared) {
                switch (fault.kind()) {
                    case "black-hole" -> {
                        client.getInputStream().transferTo(OutputStream.nullOutputStream()); // read, never answer
                        return;
                    }
                    case "cold-start" -> {
                        if (n <= fault.failures()) {
                            client.setSoLinger(true, 0);
                            client.close(); // reset: the service is not up yet
                            return;
                        }
                    }
                    case "slow-handshake" -> LockSupport.parkNanos(fault.delayMs() * 1_000_000L);
                    default -> { }
                }
            }
            relay(client);
        } catch (IOException e) {
            closeQuietly(client);
        }
    }

    private void relay(Socket client) throws IOException {
        Socket service = new Socket();
        service.connect(upstream, 5_000);
        open.add(service);
        long dropAfter = !cleared && fault.kind().equals("drop-after") ? fault.bytes() : Long.MAX_VALUE;
        threads.execute(() -> pump(client, service, Long.MAX_VALUE));
        pump(service, client, dropAfter);
    }

    /** Copies bytes one way; after {@code limit} bytes it resets both sockets, with no close frame. */
    private void pump(Socket from, Socket to, long limit) {
        byte[] buffer = new byte[8192];
        long sent = 0;
        try (InputStream in = from.getInputStream()) {
            OutputStream out = to.getOutputStream();
            int read;
            while ((read = in.read(buffer)) >= 0) {
                int allowed = cleared ? read : (int) Math.min(read, limit - sent);
                out.write(buffer, 0, allowed);
                out.flush();
                sent += allowed;
                if (sent >= limit && !cleared) {
                    to.setSoLinger(true, 0);
                    closeQuietly(to);
                    closeQuietly(from);
                    return;
                }
            }
        } catch (IOException e) {
            // one side went away: close the other
        }
        closeQuietly(to);
        closeQuietly(from);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closed
        }
        open.forEach(FaultPeer::closeQuietly);
        threads.shutdownNow();
    }
}
