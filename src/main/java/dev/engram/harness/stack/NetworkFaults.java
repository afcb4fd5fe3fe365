package dev.engram.harness.stack;

import dev.engram.harness.config.Endpoints;
import dev.engram.simulator.network.ConnectProxy;
import dev.engram.simulator.network.FaultPeer;
import dev.engram.simulator.network.NetworkFault;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;

/**
 * The network faults of {@code simulator/data/network-faults.json}, started for one scenario in front of the VoiceLive
 * simulator (a fault peer) or as the egress proxy (a CONNECT proxy). The only way steps reach them.
 */
public final class NetworkFaults {
    private NetworkFaults() {}

    /** A started fault: where a backend should point, and what the fault saw. */
    public interface Fault extends AutoCloseable {
        /** For a peer, the endpoint to use instead of the service; for a proxy, the proxy URL. */
        String url();

        /** The fault is gone: the peer relays untouched (a proxy keeps its mode). */
        void clear();

        /** The targets of the CONNECT requests a proxy saw; empty for a peer. */
        List<String> tunnels();

        int connections();

        @Override
        void close();
    }

    /** A fault in front of VoiceLive (or the proxy). */
    public static Fault start(String name, Endpoints endpoints) {
        return start(name, URI.create(endpoints.voicelive()));
    }

    /** A fault in front of any loopback service; its {@link Fault#url()} is the root, to which the service's path is added. */
    public static Fault start(String name, URI service) {
        NetworkFault fault = NetworkFault.named(name);
        if (fault.kind().equals("proxy")) {
            ConnectProxy proxy = ConnectProxy.start(fault.proxyMode());
            return new Fault() {
                public String url() { return proxy.url(); }
                public void clear() { }
                public List<String> tunnels() { return proxy.connects(); }
                public int connections() { return proxy.connects().size(); }
                public void close() { proxy.close(); }
            };
        }
        FaultPeer peer = FaultPeer.start(fault, new InetSocketAddress(service.getHost(), service.getPort()));
        return new Fault() {
            public String url() { return peer.url(); }
            public void clear() { peer.clear(); }
            public List<String> tunnels() { return List.of(); }
            public int connections() { return peer.accepted(); }
            public void close() { peer.close(); }
        };
    }
}
