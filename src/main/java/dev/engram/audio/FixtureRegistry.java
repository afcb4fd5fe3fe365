package dev.engram.audio;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.support.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every clip under the fixtures folder (a {@code .wav} with a {@code .json} sidecar beside it). A clip dropped in
 * later is picked up the next time recognition misses, with no code change. Clips in a format the voice path refuses
 * (stereo, 8-bit) are listed but never recognised.
 */
public final class FixtureRegistry {
    /** A recognition distance below this many dB means "the same utterance". */
    public static final double MATCH_DB = 3.0;
    private static final Logger LOG = LoggerFactory.getLogger(FixtureRegistry.class);

    private final Path root;
    private volatile List<Fixture> fixtures = List.of();
    private volatile String scannedSignature = "";

    public FixtureRegistry(Path root) {
        this.root = root;
        rescanIfChanged();
    }

    /** {@code audio-fixtures/} beside the working directory, or {@code ENGRAM_AUDIO_FIXTURES} / {@code -Dengram.audio.fixtures}. */
    public static FixtureRegistry fromDefaultLocation() {
        String configured = System.getProperty("engram.audio.fixtures", System.getenv("ENGRAM_AUDIO_FIXTURES"));
        return new FixtureRegistry(Paths.get(configured != null ? configured : "audio-fixtures"));
    }

    public List<Fixture> all() {
        return fixtures;
    }

    public Fixture byId(String id) {
        return find(id).or(() -> {
            rescanIfChanged();
            return find(id);
        }).orElseThrow(() -> new IllegalArgumentException("no audio fixture '" + id + "' under " + root
                + "; known: " + fixtures.stream().map(Fixture::id).sorted().toList()));
    }

    private Optional<Fixture> find(String id) {
        return fixtures.stream().filter(f -> f.id().equals(id)).findFirst();
    }

    /** The spoken fixture this audio is, if any. */
    public Optional<Fixture> recognise(Pcm16 audio) {
        Fingerprint print = Fingerprint.of(audio);
        if (print.isSilent()) {
            return Optional.empty();
        }
        Optional<Fixture> match = closest(print);
        if (match.isEmpty() && rescanIfChanged()) {
            match = closest(print);
        }
        return match;
    }

    /** A pre-recorded answer in a voice: the clip with exactly this text, or that voice's generic line. */
    public Optional<Fixture> answerClip(String voice, String text) {
        return fixtures.stream().filter(f -> voice.equals(f.voice()) && text.equals(f.transcript())).findFirst()
                .or(() -> fixtures.stream().filter(f -> voice.equals(f.voice()) && f.id().equals("generic")).findFirst());
    }

    private Optional<Fixture> closest(Fingerprint print) {
        return fixtures.stream()
                .filter(f -> f.speaks() && f.fingerprint() != null)
                .filter(f -> f.fingerprint().distance(print) < MATCH_DB)
                .min(Comparator.comparingDouble(f -> f.fingerprint().distance(print)));
    }

    private synchronized boolean rescanIfChanged() {
        if (!Files.isDirectory(root)) {
            return false;
        }
        String signature = signature();
        if (signature.equals(scannedSignature)) {
            return false;
        }
        List<Fixture> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path sidecar : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".json"))::iterator) {
                Path wav = Paths.get(sidecar.toString().replaceAll("\\.json$", ".wav"));
                if (Files.exists(wav)) {
                    load(sidecar, wav).ifPresent(found::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot scan audio fixtures under " + root, e);
        }
        fixtures = List.copyOf(found);
        scannedSignature = signature;
        return true;
    }

    private static Optional<Fixture> load(Path sidecar, Path wav) {
        try {
            JsonNode meta = Json.MAPPER.readTree(sidecar.toFile());
            String id = meta.path("id").asText(wav.getFileName().toString().replace(".wav", ""));
            Pcm16 audio = null;
            Fingerprint print = null;
            try {
                audio = Wav.readForVoice(wav);
                print = Fingerprint.of(audio);
            } catch (AudioFormatException wrongFormat) {
                // kept for format checks; never recognised
            }
            return Optional.of(new Fixture(id, meta.path("transcript").asText(""), meta.path("voice").asText(null), wav, audio, print));
        } catch (IOException e) {
            LOG.warn("skipping audio fixture {}: its sidecar is not valid JSON ({})", sidecar, e.getMessage());
            return Optional.empty();
        }
    }

    private String signature() {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .map(p -> p + ":" + p.toFile().lastModified() + ":" + p.toFile().length())
                    .sorted().reduce("", (a, b) -> a + "|" + b);
        } catch (IOException e) {
            return "";
        }
    }
}
