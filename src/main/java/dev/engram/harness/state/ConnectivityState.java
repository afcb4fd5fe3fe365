package dev.engram.harness.state;

import dev.engram.harness.backend.RunningBackend;
import dev.engram.harness.stack.RunWorld;
import dev.engram.harness.stack.NetworkFaults;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One scenario's network faults and the backend instance configured to meet them; all closed after it. */
public final class ConnectivityState implements AutoCloseable {
    /** Each attempt waits this long, so a black hole is found in seconds rather than the guide's 5. */
    public static final int CONNECT_TIMEOUT_MS = 1000;

    private final List<NetworkFaults.Fault> faults = new ArrayList<>();
    private final Map<String, String> variables = new HashMap<>(Map.of("ENGRAM_VOICELIVE_CONNECT_TIMEOUT_MS", String.valueOf(CONNECT_TIMEOUT_MS)));
    private RunningBackend backend;
    private NetworkFaults.Fault voiceLiveFault;
    private dev.engram.harness.stack.SpeechContainer speechContainer;
    private final RunWorld world;

    public ConnectivityState(RunWorld world) {
        this.world = world;
    }

    /** Puts a network fault in front of VoiceLive (or as the proxy) for the backend about to start. */
    public NetworkFaults.Fault fault(String name) {
        NetworkFaults.Fault fault = NetworkFaults.start(name, world.target().endpoints());
        faults.add(fault);
        return fault;
    }

    public void voiceLiveBehind(String name) {
        voiceLiveFault = fault(name);
        variables.put("AZURE_VOICELIVE_ENDPOINT", voiceLiveFault.url());
    }

    /** Puts a network fault between the backend and the chat gateway, keeping the gateway's path. */
    public void gatewayBehind(String name) {
        java.net.URI gateway = java.net.URI.create(world.target().endpoints().gateway());
        NetworkFaults.Fault fault = NetworkFaults.start(name, gateway);
        faults.add(fault);
        variables.put("AZURE_AI_ENDPOINT", fault.url() + gateway.getRawPath());
    }

    public void proxy(String name) {
        String url = fault(name).url();
        variables.put("HTTPS_PROXY", url);
        variables.put("HTTP_PROXY", url);
    }

    public void set(String variable, String value) {
        variables.put(variable, value);
    }

    /** Container mode against a Speech-to-text container simulator started for this scenario. */
    public void speechContainer() {
        speechContainer = dev.engram.harness.stack.SpeechContainer.start();
        variables.put("SPEECH_CONTAINER_MODE", "true");
        variables.put("SPEECH_CONTAINER_HOST", speechContainer.host());
    }

    /** The backend under test, started again with this scenario's variables. */
    public String api() {
        if (backend == null) {
            backend = world.stack().launchVariant(variables);
        }
        return backend.url();
    }

    public NetworkFaults.Fault voiceLiveFault() {
        return voiceLiveFault;
    }

    public NetworkFaults.Fault proxyFault() {
        return faults.get(faults.size() - 1);
    }

    @Override
    public void close() {
        if (backend != null) {
            backend.close();
        }
        faults.forEach(NetworkFaults.Fault::close);
        if (speechContainer != null) {
            speechContainer.close();
        }
    }
}
