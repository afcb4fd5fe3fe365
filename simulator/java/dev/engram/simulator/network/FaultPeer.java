package dev.engram.simulator.network;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A real loopback TCP peer in front of a service (the VoiceLive simulator), misbehaving as one of the network faults
 * of {@code simulator/data/network-faults.json}: a black hole (TCP accepted, the upgrade never answered), a slow
 * handshake, a cold start (the first N connections closed at once), a connection dropped mid-response (the client sees
 * 1006), a TLS endpoint whose certificate no client trusts (self-signed, made at start), or nothing listening at all. {@link #clear()} turns it into a plain relay, so recovery can be observed.
 */
public final class FaultPeer implements AutoCloseable {
    private final NetworkFault fault;
    private final InetSocketAddress upstream;
    private final TcpListener listener;
    private final Socket reserved;
    private final AtomicInteger accepted = new AtomicInteger();
    private final javax.net.ssl.SSLContext untrustedTls;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile boolean cleared;

    private FaultPeer(NetworkFault fault, InetSocketAddress upstream) {
        this.fault = fault;
        this.upstream = upstream;
        this.listener = fault.kind().equals("refused") ? null : TcpListener.start("fault-peer", this::accept);
        this.reserved = fault.kind().equals("refused") ? reservePort() : null;
        this.untrustedTls = fault.kind().equals("untrusted-tls") ? selfSigned() : null;
    }

    /** A server TLS context with a certificate made here and signed by nobody a client trusts. */
    private static javax.net.ssl.SSLContext selfSigned() {
        dev.engram.simulator.entra.SelfSignedTls tls = dev.engram.simulator.entra.SelfSignedTls.create();
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(tls.keyStore())) {
            java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
            store.load(in, tls.password().toCharArray());
            javax.net.ssl.KeyManagerFactory keys = javax.net.ssl.KeyManagerFactory.getInstance(javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, tls.password().toCharArray());
            javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot make the untrusted TLS peer's certificate: " + e.getMessage(), e);
        }
    }

    /**
     * A port bound by a socket that never listens: nothing can listen there while it is held, and a connection to it
     * is refused (a freed port could be taken by anything).
     */
    private static Socket reservePort() {
        try {
            Socket socket = new Socket();
            socket.bind(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0));
            return socket;
        } catch (IOException e) {
            throw new IllegalStateException("cannot reserve a loopback port: " + e.getMessage(), e);
        }
    }

    private int port() {
        return listener != null ? listener.port() : reserved.getLocalPort();
    }

    /** Starts the fault in front of {@code upstream} (host:port of the real service). */
    public static FaultPeer start(NetworkFault fault, InetSocketAddress upstream) {
        return new FaultPeer(fault, upstream);
    }

    /** The URL that reaches the service through this fault ({@code http://127.0.0.1:port}). */
    public String url() {
        if (fault.kind().equals("untrusted-tls")) {
            return "https://127.0.0.1:" + port();
        }
        return fault.kind().equals("unresolvable") ? "http://voicelive.engram-fault.invalid:" + port() : "http://127.0.0.1:" + port();
    }

    /** How many connections this peer has accepted. */
    public int accepted() {
        return accepted.get();
    }

    /** The fault is gone: from now on the peer relays every connection untouched. */
    public void clear() {
        cleared = true;
        open.forEach(TcpListener::closeQuietly);
    }

    private void accept(Socket client) {
        open.add(client);
        handle(client, accepted.incrementAndGet());
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
                    case "untrusted-tls" -> {
                        javax.net.ssl.SSLSocket tls = (javax.net.ssl.SSLSocket) untrustedTls.getSocketFactory()
                                .createSocket(client, client.getInetAddress().getHostAddress(), client.getPort(), true);
                        tls.setUseClientMode(false);
                        tls.startHandshake(); // a client that checks the certificate gives up here
                        client = tls;
                    }
                    default -> { }
                }
            }
            relay(client);
        } catch (IOException e) {
            TcpListener.closeQuietly(client);
        }
    }

    private void relay(Socket client) throws IOException {
        Socket service = new Socket();
        service.connect(upstream, 5_000);
        open.add(service);
        long dropAfter = !cleared && fault.kind().equals("drop-after") ? fault.bytes() : Long.MAX_VALUE;
        listener.execute(() -> pump(client, service, Long.MAX_VALUE));
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
                    TcpListener.closeQuietly(to);
                    TcpListener.closeQuietly(from);
                    return;
                }
            }
        } catch (IOException e) {
            // one side went away: close the other
        }
        TcpListener.closeQuietly(to);
        TcpListener.closeQuietly(from);
    }

    @Override
    public void close() {
        if (listener != null) {
            listener.close();
        } else {
            TcpListener.closeQuietly(reserved);
        }
        open.forEach(TcpListener::closeQuietly);
    }
}
