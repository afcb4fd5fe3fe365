package dev.engram.reference;

/** Runs the reference server alone, configured from this process's environment; {@code PORT} picks the port. */
public final class EngramMain {
    private EngramMain() {}

    public static void main(String[] args) {
        try {
            EngramSettings settings = EngramSettings.fromEnvironment(System.getenv());
            int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8082"));
            EngramServer server = EngramServer.start(settings, port);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
            System.out.println("Engram reference server listening on " + server.url());
        } catch (ConfigurationException e) {
            System.err.println("configuration error: " + e.getMessage());
            System.exit(2);
        }
    }
}
