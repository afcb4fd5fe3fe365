package dev.engram.audio;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** RIFF/WAVE reading and writing, with the format checks of SOP 9.1 ("Ensure PCM16, mono; prefer 24kHz"). */
public final class Wav {
    /** What a WAV file holds, before any conversion. */
    public record Format(int encoding, int channels, int sampleRate, int bitsPerSample) {
        public String describe() {
            return bitsPerSample + "-bit " + (encoding == 1 ? "PCM" : "encoding " + encoding) + ", "
                    + (channels == 1 ? "mono" : channels == 2 ? "stereo" : channels + " channels") + ", " + sampleRate + " Hz";
        }
    }

    private Wav() {}

    public static boolean isWav(byte[] bytes) {
        return bytes.length >= 12 && new String(bytes, 0, 4, StandardCharsets.US_ASCII).equals("RIFF")
                && new String(bytes, 8, 4, StandardCharsets.US_ASCII).equals("WAVE");
    }

    public static Format format(byte[] bytes) {
        return parse(bytes).format;
    }

    /**
     * Reads a WAV as the voice path needs it: PCM16 mono at 24 kHz. Another sample rate is resampled; stereo,
     * 8-bit or compressed audio is refused with an {@link AudioFormatException} naming what was found.
     */
    public static Pcm16 readForVoice(Path path) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new AudioFormatException("cannot read " + path + ": " + e.getMessage());
        }
        return toVoice(bytes, path.getFileName().toString());
    }

    public static Pcm16 toVoice(byte[] bytes, String name) {
        Parsed wav = parse(bytes);
        Format f = wav.format;
        if (f.encoding != 1 || f.bitsPerSample != 16 || f.channels != 1) {
            throw new AudioFormatException(name + " is " + f.describe() + "; the voice path needs 16-bit PCM, mono"
                    + " (SOP 9.1 \"Audio quality poor\": ensure PCM16, mono; prefer 24kHz)");
        }
        return Pcm16.fromBytes(wav.data, f.sampleRate).resampledTo(Pcm16.RATE);
    }

    public static byte[] write(Pcm16 audio) {
        byte[] data = audio.toBytes();
        ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + data.length)
                .put("WAVE".getBytes(StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(audio.sampleRate()).putInt(audio.sampleRate() * 2).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(data.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream(44 + data.length);
        out.writeBytes(header.array());
        out.writeBytes(data);
        return out.toByteArray();
    }

    private record Parsed(Format format, byte[] data) {}

    private static Parsed parse(byte[] bytes) {
        if (!isWav(bytes)) {
            throw new AudioFormatException("not a RIFF/WAVE file");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        buffer.position(12);
        Format format = null;
        while (buffer.remaining() >= 8) {
            String id = new String(bytes, buffer.position(), 4, StandardCharsets.US_ASCII);
            buffer.position(buffer.position() + 4);
            int size = buffer.getInt();
            int start = buffer.position();
            if (size < 0 || start + size > bytes.length) {
                size = bytes.length - start;
            }
            if (id.equals("fmt ")) {
                format = new Format(buffer.getShort() & 0xffff, buffer.getShort(), buffer.getInt(), readBits(buffer));
            } else if (id.equals("data")) {
                if (format == null) {
                    throw new AudioFormatException("WAV data chunk before its fmt chunk");
                }
                byte[] data = new byte[size];
                System.arraycopy(bytes, start, data, 0, size);
                return new Parsed(format, data);
            }
            buffer.position(start + size + (size % 2));
        }
        throw new AudioFormatException("WAV file without a data chunk");
    }

    private static int readBits(ByteBuffer buffer) {
        buffer.getInt(); // byte rate
        buffer.getShort(); // block align
        return buffer.getShort();
    }
}
