// The realtime voice injector: opens N VoiceLive sessions from a process of its own, asks each for a spoken answer
// (a text turn), and times every answer audio frame against its schedule: the k-th frame is due at the first frame's
// arrival plus the audio duration of the frames before it. With --duplex, each session also streams 100 ms of input
// audio (silence) every 100 ms while the answer plays. Prints one JSON line.
import WebSocket from 'ws';

const args = Object.fromEntries(process.argv.slice(2).map((a, i, all) => a.startsWith('--') ? [a.slice(2), all[i + 1] && !all[i + 1].startsWith('--') ? all[i + 1] : true] : null).filter(Boolean));
const url = args.url;
const sessions = Number(args.sessions || 100);
const rampMs = Number(args['ramp-ms'] || 5000);
const duplex = Boolean(args.duplex);
const timeoutMs = Number(args['timeout-ms'] || 120000);
const turns = Number(args.turns || 1);
const BYTES_PER_MS = 48; // PCM16, mono, 24 kHz
const silence = Buffer.alloc(4800).toString('base64');
const lateness = [];
let completed = 0, failed = 0, opened = 0;
const failures = {};

function fail(reason) {
  failed++;
  failures[reason] = (failures[reason] || 0) + 1;
}

function run(i) {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, 'realtime', { headers: args['api-key'] ? { 'api-key': args['api-key'] } : {} });
    let first = null, dueMs = 0, timer = null, done = false, left = turns;
    const ask = () => {
      ws.send(JSON.stringify({ type: 'conversation.item.create', item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'What is the capital of France?' }] } }));
      ws.send(JSON.stringify({ type: 'response.create', response: { modalities: ['text', 'audio'] } }));
    };
    const finish = (ok, reason) => {
      if (done) return;
      done = true;
      clearInterval(timer);
      ok ? completed++ : fail(reason);
      ws.terminate();
      resolve();
    };
    const guard = setTimeout(() => finish(false, 'timeout'), timeoutMs);
    ws.on('open', () => opened++);
    ws.on('error', (e) => finish(false, 'error: ' + e.message.slice(0, 60)));
    ws.on('close', () => finish(false, 'closed early'));
    ws.on('message', (data) => {
      const now = performance.now();
      const e = JSON.parse(data);
      if (e.type === 'session.created') {
        ask();
        if (duplex) {
          timer = setInterval(() => ws.readyState === WebSocket.OPEN && ws.send(JSON.stringify({ type: 'input_audio_buffer.append', audio: silence })), 100);
        }
      } else if (e.type === 'response.audio.delta' || e.type === 'response.output_audio.delta') {
        const ms = Buffer.byteLength(e.delta, 'base64') / BYTES_PER_MS;
        if (first === null) first = now;
        lateness.push(now - (first + dueMs));
        dueMs += ms;
      } else if (e.type === 'response.done') {
        const ok = e.response && e.response.status === 'completed';
        if (ok && --left > 0) {
          first = null;
          dueMs = 0;
          ask(); // the next turn: its first frame anchors its own schedule
          return;
        }
        clearTimeout(guard);
        finish(ok, 'response ' + (e.response && e.response.status));
      } else if (e.type === 'error') {
        clearTimeout(guard);
        finish(false, 'error event: ' + (e.error && e.error.code));
      }
    });
  });
}

const started = performance.now();
const all = [];
for (let i = 0; i < sessions; i++) {
  const at = started + (rampMs * i) / sessions;
  all.push(new Promise((r) => setTimeout(r, Math.max(0, at - performance.now()))).then(() => run(i)));
}
await Promise.all(all);
lateness.sort((a, b) => a - b);
const pct = (p) => (lateness.length ? Math.round(lateness[Math.min(lateness.length - 1, Math.floor((p / 100) * lateness.length))]) : null);
console.log(JSON.stringify({
  sessions, duplex, turns, opened, completed, failed, failures,
  frames: lateness.length,
  on_time: lateness.length ? lateness.filter((l) => l <= 50).length / lateness.length : 0,
  lateness_ms: { p50: pct(50), p90: pct(90), p99: pct(99), max: pct(100) },
  frames_per_turn: sessions ? Math.round(lateness.length / Math.max(1, completed * turns)) : 0,
  wall_ms: Math.round(performance.now() - started),
}));
process.exit(0);
