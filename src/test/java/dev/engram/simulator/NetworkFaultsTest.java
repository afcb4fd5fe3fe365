package dev.engram.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.engram.simulator.network.ConnectProxy;
import dev.engram.simulator.network.FaultPeer;
import dev.engram.simulator.network.NetworkFault;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each network fault peer and the CONNECT proxy, against a loopback echo service. */
class NetworkFaultsTest {
    private ServerSocket echo;
    private InetSocketAddress echoAddress;

    @BeforeEach
    void startEcho() throws IOException {
        echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        echoAddress = new InetSocketAddress("127.0.0.1", echo.getLocalPort());
        Thread t = new Thread(() -> {
            while (!echo.isClosed()) {
                try {
                    Socket s = echo.accept();
                    new Thread(() -> {
                        try (s) {
                            byte[] request = s.getInputStream().readNBytes(5);
                            OutputStream out = s.getOutputStream();
                            out.write(request);
                            out.write(new byte[100_000]); // a long "response"
                            out.flush();
                        } catch (IOException e) {
                            // the fault closed it
                        }
                    }).start();
                } catch (IOException e) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
    }

    @AfterEach
    void stopEcho() throws IOException {
        echo.close();
    }

    @Test
    void aBlackHoleAcceptsButNeverAnswers() throws IOException {
        try (FaultPeer peer = FaultPeer.start(NetworkFault.named("black-hole"), echoAddress); Socket s = connect(peer.url())) {
            s.getOutputStream().write("hello".getBytes(StandardCharsets.US_ASCII));
            s.setSoTimeout(300);
            assertThrows(SocketTimeoutException.class, () -> s.getInputStream().read());
            assertEquals(1, peer.accepted());
        }
    }

    @Test
    void aBlackHoleThatClearsRelaysAgain() throws IOException {
        try (FaultPeer peer = FaultPeer.start(NetworkFault.named("black-hole"), echoAddress)) {
            peer.clear();
            assertArrayEquals("hello".getBytes(), roundTrip(peer.url()));
        }
    }

    @Test
    void aColdStartResetsTheFirstConnectionsThenRelays() throws IOException {
        try (FaultPeer peer = FaultPeer.start(NetworkFault.named("cold-start"), echoAddress)) {
            for (int i = 0; i < 2; i++) {
                assertThrows(IOException.class, () -> {
                    try (Socket s = connect(peer.url())) { // the reset may surface at any step of the exchange
                        s.setSoTimeout(2_000);
                        s.getOutputStream().write("hello".getBytes());
                        if (s.getInputStream().read() < 0) {
                            throw new IOException("closed");
                        }
                    }
                });
            }
            assertArrayEquals("hello".getBytes(), roundTrip(peer.url()));
        }
    }

    @Test
    void aSlowHandshakeAnswersOnlyAfterItsDelay() throws IOException {
        long delay = NetworkFault.named("slow-handshake").delayMs();
        try (FaultPeer peer = FaultPeer.start(NetworkFault.named("slow-handshake"), echoAddress)) {
            long started = System.nanoTime();
            assertArrayEquals("hello".getBytes(), roundTrip(peer.url()));
            assertTrue((System.nanoTime() - started) / 1_000_000 >= delay, "answered before the configured delay");
        }
    }

    @Test
    void aDropMidResponseCutsTheStreamShortWithoutAClose() throws IOException {
        long limit = NetworkFault.named("drop-mid-response").bytes();
        try (FaultPeer peer = FaultPeer.start(NetworkFault.named("drop-mid-response"), echoAddress); Socket s = connect(peer.url())) {
            s.getOutputStream().write("hello".getBytes());
            s.setSoTimeout(5_000);
            long received = 0;
            try {
                byte[] buffer = new byte[8192];
                int n;
                while ((n = s.getInputStream().read(buffer)) >= 0) {
                    received += n;
                }
            } catch (IOException e) {
                // a reset: what the client of a dropped WebSocket sees (1006)
            }
            assertTrue(received >= limit && received < 100_005, "received " + received + " bytes of 100005");
        }
    }

    @Test
    void anUntrustedTlsPeerFailsTheHandshakeOfAClientThatChecksCertificates() throws Exception {
        try (FaultPeer peer = FaultPeer.start(NetworkFault.named("untrusted-tls"), echoAddress)) {
            assertTrue(peer.url().startsWith("https://127.0.0.1:"), peer.url());
            java.net.URI uri = java.net.URI.create(peer.url());
            try (javax.net.ssl.SSLSocket tls = (javax.net.ssl.SSLSocket) javax.net.ssl.SSLContext.getDefault().getSocketFactory()
                    .createSocket(uri.getHost(), uri.getPort())) {
                javax.net.ssl.SSLHandshakeException refused = assertThrows(javax.net.ssl.SSLHandshakeException.class, tls::startHandshake);
                assertTrue(String.valueOf(refused.getMessage()).contains("PKIX") || String.valueOf(refused.getMessage()).contains("certificate"),
                        refused.toString());
            }
            assertEquals(1, peer.accepted());
        }
    }

    @Test
    void refusedHasNothingListening() {
        try (FaultPeer peer = FaultPeer.start(NetworkFault.named("refused"), echoAddress)) {
            assertThrows(ConnectException.class, () -> connect(peer.url()).close());
        }
    }

    @Test
    void unresolvableNamesAHostThatDoesNotResolve() {
        try (FaultPeer peer = FaultPeer.start(NetworkFault.named("unresolvable"), echoAddress)) {
            assertThrows(UnknownHostException.class, () -> InetAddress.getByName(URI.create(peer.url()).getHost()));
        }
    }

    @Test
    void theProxyTunnelsRefusesOrDemandsCredentialsAndRecordsEachConnect() throws IOException {
        String target = "127.0.0.1:" + echo.getLocalPort();
        try (ConnectProxy pass = ConnectProxy.start("pass"); ConnectProxy refuse = ConnectProxy.start("refuse-upgrade");
             ConnectProxy auth = ConnectProxy.start("require-auth")) {
            assertEquals("200", connectThrough(pass, target, null));
            assertEquals("403", connectThrough(refuse, target, null));
            assertEquals("407", connectThrough(auth, target, null));
            assertEquals("200", connectThrough(auth, target, ConnectProxy.CREDENTIALS));
            assertEquals(java.util.List.of(target), pass.connects());
            assertEquals(2, auth.connects().size());
        }
    }

    private static String connectThrough(ConnectProxy proxy, String target, String credentials) throws IOException {
        try (Socket s = connect(proxy.url())) {
            String request = "CONNECT " + target + " HTTP/1.1\r\nHost: " + target + "\r\n"
                    + (credentials == null ? "" : "Proxy-Authorization: " + credentials + "\r\n") + "\r\n";
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            s.setSoTimeout(5_000);
            String status = new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII).split(" ")[1];
            if (status.equals("200")) {
                s.getInputStream().readNBytes(27); // the rest of "Connection Established\r\n\r\n"
                s.getOutputStream().write("hello".getBytes());
                assertArrayEquals("hello".getBytes(), s.getInputStream().readNBytes(5), "the tunnel carries bytes");
            }
            return status;
        }
    }

    private static byte[] roundTrip(String url) throws IOException {
        try (Socket s = connect(url)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write("hello".getBytes());
            return s.getInputStream().readNBytes(5);
        }
    }

    private static Socket connect(String url) throws IOException {
        URI uri = URI.create(url);
        Socket s = new Socket();
        s.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 2_000);
        return s;
    }
}
