package dev.engram.harness.cli;

import dev.engram.harness.stack.StandaloneSimulator;
import dev.engram.support.Json;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** VoiceLive tools: {@code record} starts a recording proxy in front of any VoiceLive endpoint. */
@Command(name = "voicelive", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "VoiceLive cassettes: record a session through a proxy; replay it with serve --voicelive-replay FILE.",
        subcommands = {VoiceLiveCommand.Record.class})
public final class VoiceLiveCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "record", mixinStandardHelpOptions = true,
            description = "Start a recording proxy in front of --upstream and print its endpoint; point a backend's AZURE_VOICELIVE_ENDPOINT at it.")
    static final class Record implements Callable<Integer> {
        @Option(names = "--upstream", required = true, description = "the VoiceLive endpoint to record (the real service or a simulator)")
        String upstream;

        @Option(names = "--out", defaultValue = "voicelive-session.ndjson", description = "the cassette (default: ${DEFAULT-VALUE})")
        Path out;

        @Option(names = "--keep-audio", description = "keep the audio in the cassette (redacted by default; keys and tokens always are)")
        boolean keepAudio;

        @Override
        public Integer call() throws Exception {
            if (!upstream.matches("(?i)(https?|wss?)://\\S+")) {
                System.err.println("harness: --upstream must be an http(s) or ws(s) URL, got '" + upstream + "'");
                return HarnessCli.USAGE;
            }
            StandaloneSimulator recorder = StandaloneSimulator.voiceLiveRecorder(upstream, out, keepAudio);
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                recorder.close();
                stopped.countDown();
            }, "recorder-stop"));
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("voicelive", recorder.endpoint());
            line.put("upstream", upstream.replaceAll("(?i)(api-key|key|token)=[^&]*", "$1=***"));
            line.put("cassette", out.toString());
            System.out.println(Json.write(line));
            System.out.flush();
            stopped.await();
            return HarnessCli.PASS;
        }
    }
}
