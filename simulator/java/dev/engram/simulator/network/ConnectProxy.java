package dev.engram.simulator.network;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP CONNECT proxy on loopback, as a container's egress proxy: it tunnels ({@code pass}), refuses every
 * tunnel with 403 as a network policy that blocks WebSockets does ({@code refuse-upgrade}), or demands
 * {@code Proxy-Authorization} with 407 ({@code require-auth}). It records the target of every CONNECT it saw.
 */
public final class ConnectProxy implements AutoCloseable {
    /** The only credentials {@code require-auth} accepts: {@code Basic engram:proxy}. */
    public static final String CREDENTIALS = "Basic ZW5ncmFtOnByb3h5";

    private final String mode;
    private final TcpListener listener;
    private final List<String> connects = new CopyOnWriteArrayList<>();

    private ConnectProxy(String mode) {
        this.mode = mode;
        this.listener = TcpListener.start("connect-proxy", this::handle);
    }

    public static ConnectProxy start(String mode) {
        if (!List.of("pass", "refuse-upgrade", "require-auth").contains(mode)) {
            throw new IllegalArgumentException("unknown proxy mode '" + mode + "'; known: pass, refuse-upgrade, require-auth");
        }
        return new ConnectProxy(mode);
    }

    /** The value for {@code HTTPS_PROXY}/{@code HTTP_PROXY}. */
    public String url() {
        return "http://127.0.0.1:" + listener.port();
    }

    /** host:port of every CONNECT request, in order. */
    public List<String> connects() {
        return List.copyOf(connects);
    }

    private void handle(Socket client) {
        try {
            List<String> head = readHead(client.getInputStream());
            String[] request = head.isEmpty() ? new String[0] : head.get(0).split(" ");
            OutputStream out = client.getOutputStream();
            if (request.length < 2 || !request[0].equals("CONNECT")) {
                answer(out, "405 Method Not Allowed", "this proxy only tunnels (CONNECT)");
                return;
            }
            connects.add(request[1]);
            boolean authorised = head.stream().anyMatch(h -> h.toLowerCase(Locale.ROOT).startsWith("proxy-authorization:")
                    && h.substring(h.indexOf(':') + 1).trim().equals(CREDENTIALS));
            if (mode.equals("refuse-upgrade")) {
                answer(out, "403 Forbidden", "network policy: WebSocket tunnels are not allowed");
                return;
            }
            if (mode.equals("require-auth") && !authorised) {
                answer(out, "407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"engram\"", "proxy authentication required");
                return;
            }
            String[] target = request[1].split(":");
            Socket upstream = new Socket(target[0], Integer.parseInt(target[1]));
            out.write("HTTP/1.1 200 Connection Established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            listener.execute(() -> pump(client, upstream));
            pump(upstream, client);
        } catch (IOException | RuntimeException e) {
            TcpListener.closeQuietly(client);
        }
    }

    private static List<String> readHead(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        List<String> lines = new java.util.ArrayList<>();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.US_ASCII).strip();
                if (text.isEmpty()) {
                    break;
                }
                lines.add(text);
                line.reset();
            } else {
                line.write(b);
            }
        }
        return lines;
    }

    private static void answer(OutputStream out, String status, String reason) throws IOException {
        byte[] body = reason.getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 " + status + "\r\nContent-Type: text/plain\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    private static void pump(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
        } catch (IOException e) {
            // one side closed
        }
        TcpListener.closeQuietly(from);
        TcpListener.closeQuietly(to);
    }

    @Override
    public void close() {
        listener.close();
    }
}
