#!/usr/bin/env bash
# Regenerates the audio fixtures with Debian's espeak-ng and sox (apt-get install -y espeak-ng sox).
# Every clip is PCM16 mono 24 kHz WAV with a JSON sidecar. Prompts come from prompts.tsv; answers are each agent's
# scripted answers (simulator/data/gateway/answers.json) spoken in that agent's voice (voices.json).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
for tool in espeak-ng sox python3; do
  command -v "$tool" >/dev/null || { echo "generate.sh: $tool is required (apt-get install -y espeak-ng sox python3)" >&2; exit 2; }
done
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT

# speak VOICE_ID TEXT OUT.wav
speak() {
  local voice="$1" text="$2" out="$3"
  read -r espeak pitch speed < <(python3 -c "import json,sys; v=json.load(open('$here/voices.json'))['voices'][sys.argv[1]]; print(v['espeak'], v['pitch'], v['speed'])" "$voice")
  espeak-ng -v "$espeak" -p "$pitch" -s "$speed" -w "$tmp/raw.wav" "$text"
  sox "$tmp/raw.wav" -r 24000 -c 1 -b 16 -e signed-integer "$out" pad 0.25 0.25 norm -3
}

# sidecar WAV ID TRANSCRIPT PURPOSE [VOICE]
sidecar() {
  python3 - "$@" <<'PY'
import json, sys, wave
path, ident, transcript, purpose = sys.argv[1:5]
voice = sys.argv[5] if len(sys.argv) > 5 else None
with wave.open(path) as w:
    fmt = {"encoding": "pcm%d" % (8 * w.getsampwidth()), "sample_rate": w.getframerate(), "channels": w.getnchannels()}
    duration = round(1000 * w.getnframes() / w.getframerate())
doc = {"id": ident, "transcript": transcript, "format": fmt, "duration_ms": duration, "purpose": purpose}
if voice:
    doc["voice"] = voice
json.dump(doc, open(path[:-4] + ".json", "w"), indent=2)
open(path[:-4] + ".json", "a").write("\n")
PY
}

echo "prompts"
grep -v '^#' "$here/prompts.tsv" | while IFS=$'\t' read -r id text purpose; do
  speak andrew "$text" "$here/en-US/$id.wav"
  sidecar "$here/en-US/$id.wav" "$id" "$text" "$purpose"
done

echo "silence and noise"
sox -n -r 24000 -c 1 -b 16 -e signed-integer "$here/en-US/silence.wav" trim 0 2
sidecar "$here/en-US/silence.wav" silence "" "no speech: VAD must not trigger"
sox -n -r 24000 -c 1 -b 16 -e signed-integer "$here/en-US/noise.wav" synth 1.5 pinknoise vol 0.3 pad 0.25 0.25
sidecar "$here/en-US/noise.wav" noise "" "speech-like energy that is not speech: transcription fails"

echo "wrong formats (SOP 9.1 Audio quality poor / codec mismatch)"
src="$here/en-US/capital-of-france.wav"
sox "$src" -r 16000 "$here/formats/capital-of-france-16khz.wav"
sidecar "$here/formats/capital-of-france-16khz.wav" capital-of-france-16khz "What is the capital of France?" "16 kHz: resampled to 24 kHz (SOP 9.1: resample if needed)"
sox "$src" -c 2 "$here/formats/capital-of-france-stereo.wav"
sidecar "$here/formats/capital-of-france-stereo.wav" capital-of-france-stereo "What is the capital of France?" "stereo: refused, SOP 9.1 requires mono"
sox "$src" -b 8 -e unsigned-integer "$here/formats/capital-of-france-8bit.wav"
sidecar "$here/formats/capital-of-france-8bit.wav" capital-of-france-8bit "What is the capital of France?" "8-bit: refused, SOP 9.1 requires PCM16"

echo "answers in each agent's voice"
[ -f "$root/target/runtime-classpath.txt" ] || (cd "$root" && mvn -B -q -DskipTests package)
java -cp "$root/target/classes:$(cat "$root/target/runtime-classpath.txt")" dev.engram.simulator.voicelive.AnswerClips \
  | while IFS=$'\t' read -r voice id text; do
      mkdir -p "$here/answers/$voice"
      speak "$voice" "$text" "$here/answers/$voice/$id.wav"
      sidecar "$here/answers/$voice/$id.wav" "$id" "$text" "scripted answer" "$voice"
    done
echo "done"
