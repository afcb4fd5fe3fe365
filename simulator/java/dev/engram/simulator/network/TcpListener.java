package dev.engram.simulator.network;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/** A raw TCP listener on 127.0.0.1 with a port the OS chooses, handing each connection to a handler on its own thread. */
final class TcpListener implements AutoCloseable {
    private final ServerSocket server;
    private final ExecutorService threads;

    private TcpListener(String name, Consumer<Socket> handler) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        threads.execute(() -> {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    threads.execute(() -> handler.accept(client));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    static TcpListener start(String name, Consumer<Socket> handler) {
        try {
            return new TcpListener(name, handler);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on 127.0.0.1 for " + name + ": " + e.getMessage(), e);
        }
    }

    int port() {
        return server.getLocalPort();
    }

    /** Runs work on the listener's threads (the other direction of a relay). */
    void execute(Runnable work) {
        threads.execute(work);
    }

    static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        closeQuietly(server);
        threads.shutdownNow();
    }
}
