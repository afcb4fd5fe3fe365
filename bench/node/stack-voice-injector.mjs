// The whole-stack voice injector: N browser-like voice sockets on an Engram (SOP 10.2) from a process of its own.
// Each streams a spoken question in 4096-sample frames at real time (then 1.2 s of silence, the end of speech) and
// times every answer audio frame against its schedule: the first answer frame's arrival plus the audio before it.
// A session completes on the assistant's complete transcription. Prints one JSON line.
import WebSocket from 'ws';
import { readFileSync } from 'node:fs';

const args = Object.fromEntries(process.argv.slice(2).map((a, i, all) => a.startsWith('--') ? [a.slice(2), all[i + 1]] : null).filter(Boolean));
const api = args.api.replace(/^http/, 'ws');
const sessions = Number(args.sessions || 50);
const rampMs = Number(args['ramp-ms'] || 5000);
const timeoutMs = Number(args['timeout-ms'] || 120000);
const BYTES_PER_MS = 48;

function pcmOf(wavPath) {
  const wav = readFileSync(wavPath);
  let at = 12;
  while (at < wav.length) {
    const id = wav.toString('ascii', at, at + 4), size = wav.readUInt32LE(at + 4);
    if (id === 'data') return wav.subarray(at + 8, at + 8 + size);
    at += 8 + size + (size % 2);
  }
  throw new Error('no data chunk in ' + wavPath);
}
const speech = Buffer.concat([pcmOf(args.wav), Buffer.alloc(1200 * BYTES_PER_MS)]);
const FRAME = 4096 * 2;
const frames = [];
for (let o = 0; o < speech.length; o += FRAME) frames.push(JSON.stringify({ type: 'audio', data: speech.subarray(o, o + FRAME).toString('base64') }));
const frameMs = 4096 / 24;

const lateness = [];
let completed = 0, failed = 0;
const failures = {};

function run(i) {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${api}/api/v1/voice/voicelive/session-${i}-bench`);
    let first = null, dueMs = 0, done = false, k = 0, timer = null;
    const finish = (ok, reason) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (ok) completed++; else { failed++; failures[reason] = (failures[reason] || 0) + 1; }
      ws.terminate();
      resolve();
    };
    const guard = setTimeout(() => finish(false, 'timeout'), timeoutMs);
    ws.on('error', (e) => finish(false, 'error: ' + e.message.slice(0, 60)));
    ws.on('close', () => finish(false, 'closed early'));
    ws.on('message', (data) => {
      const now = performance.now();
      const m = JSON.parse(data);
      if (m.type === 'agent_switched' && k === 0) {
        const start = performance.now();
        const next = () => { // frames at real time, each on its own schedule
          if (done || k >= frames.length) return;
          ws.send(frames[k++]);
          timer = setTimeout(next, Math.max(0, start + k * frameMs - performance.now()));
        };
        next();
      } else if (m.type === 'audio') {
        const ms = Buffer.byteLength(m.data, 'base64') / BYTES_PER_MS;
        if (first === null) first = now;
        lateness.push(now - (first + dueMs));
        dueMs += ms;
      } else if (m.type === 'transcription' && m.status === 'complete' && m.speaker === 'assistant') {
        clearTimeout(guard);
        finish(true);
      } else if (m.type === 'error') {
        clearTimeout(guard);
        finish(false, 'error message: ' + String(m.message).slice(0, 60));
      }
    });
  });
}

const started = performance.now();
await Promise.all(Array.from({ length: sessions }, (_, i) => new Promise((r) => setTimeout(r, (rampMs * i) / sessions)).then(() => run(i))));
lateness.sort((a, b) => a - b);
const pct = (p) => (lateness.length ? Math.round(lateness[Math.min(lateness.length - 1, Math.floor((p / 100) * lateness.length))]) : null);
console.log(JSON.stringify({
  sessions, completed, failed, failures, frames: lateness.length,
  on_time: lateness.length ? lateness.filter((l) => l <= 50).length / lateness.length : 0,
  lateness_ms: { p50: pct(50), p90: pct(90), p99: pct(99), max: pct(100) },
  wall_ms: Math.round(performance.now() - started),
}));
process.exit(0);
