package dev.engram.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.audio.Pcm16;
import dev.engram.support.Json;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Browser audio frames are checked as base64 without being decoded, and judged exactly as the JDK decoder would. */
class BrowserFrameTest {
    @Test
    void pcmAudioPassesThroughAsTheBase64TheBrowserSent() {
        String base64 = Base64.getEncoder().encodeToString(Pcm16.silence(100).toBytes());
        BrowserFrame.Audio audio = assertInstanceOf(BrowserFrame.Audio.class, BrowserFrame.parse("{\"type\":\"audio\",\"data\":\"" + base64 + "\"}"));
        assertEquals(base64, audio.base64());
        assertEquals(4800, audio.pcm().length);
    }

    @Test
    void badAudioIsNamed() {
        assertTrue(invalid("\"not base64!\"").contains("non-empty base64"));
        assertTrue(invalid("\"\"").contains("non-empty base64"));
        assertTrue(invalid("42").contains("non-empty base64"));
        assertTrue(invalid("\"" + Base64.getEncoder().encodeToString(new byte[3]) + "\"").contains("odd number of bytes (3)"));
        byte[] wav = new byte[44];
        System.arraycopy("RIFF".getBytes(), 0, wav, 0, 4);
        System.arraycopy("WAVE".getBytes(), 0, wav, 8, 4);
        assertTrue(invalid("\"" + Base64.getEncoder().encodeToString(wav) + "\"").contains("WAV file"));
    }

    @Test
    void decodedLengthAgreesWithTheJdkDecoderOnAnyText() {
        Random random = new Random(7);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/==-_ \né€Ł";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(12);
            for (int j = 0; j < length; j++) {
                text.append(alphabet.charAt(random.nextInt(random.nextInt(10) == 0 ? alphabet.length() : 66)));
            }
            long expected;
            try {
                expected = Base64.getDecoder().decode(text.toString()).length;
            } catch (IllegalArgumentException e) {
                expected = -1;
            }
            assertEquals(expected, Base64Text.decodedLength(text.toString()), "'" + text + "'");
        }
    }

    @Test
    void anAnswerFrameToTheBrowserIsTheAudioMessageOfSop10_2() throws Exception {
        byte[] pcm = {0, 1, (byte) 0xfe, (byte) 0xff, 127, -128};
        JsonNode message = Json.parse(VoiceConversation.audioMessage(Base64.getEncoder().encodeToString(pcm)));
        assertEquals("audio", message.path("type").asText());
        assertEquals("audio/pcm16", message.path("format").asText());
        assertArrayEquals(pcm, Base64.getDecoder().decode(message.path("data").asText()));
    }

    private static String invalid(String data) {
        return assertInstanceOf(BrowserFrame.Invalid.class, BrowserFrame.parse("{\"type\":\"audio\",\"data\":" + data + "}")).error();
    }
}
