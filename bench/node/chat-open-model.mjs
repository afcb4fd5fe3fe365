// Open-model chat load: POST /api/v1/chat at a fixed rate whatever the answers do, each request timed from the
// moment the schedule intended to send it (so queueing, in the injector or the server, counts as latency).
// --warmup-seconds W sends at the same rate for W seconds first, not counted: the injector's own JIT and its new
// connections settle there. Prints one JSON line: the measured requests, errors, exact latency percentiles over all
// measured samples, and every second of the schedule (warm-up included) with its own p50 and p95, and the
// injector's own CPU time per request: on a machine it shares with the server, that is CPU the server did not get.
import http from 'node:http';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) =>
  arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs, []));
const url = new URL(args.url);
const rate = Number(args.rate ?? 2000);
const seconds = Number(args.seconds ?? 10);
const warmupSeconds = Number(args['warmup-seconds'] ?? 0);
const agent = new http.Agent({ keepAlive: true, maxSockets: Number(args.connections ?? 64) });
const warmupTotal = Math.round(rate * warmupSeconds);
const total = warmupTotal + Math.round(rate * seconds);
const latencies = [];
const sendLag = [];
const warmup = { seconds: warmupSeconds, intended: warmupTotal, completed: 0, errors: 0 };
const bySecond = []; // latencies by the second of the schedule they were meant for: a passing stall or a growing queue
let errors = 0;
let done = 0;
let sent = 0;
const cpuAtStart = process.cpuUsage();
const start = performance.now() + 50;
const measuredStart = start + warmupSeconds * 1000;

function fire(i, intended) {
  const measured = i >= warmupTotal;
  if (measured) {
    sendLag.push(performance.now() - intended);
  }
  const body = JSON.stringify({ content: 'What is the capital of France?', agent_id: 'elena', session_id: `session-1-open${i}` });
  const request = http.request(url, { method: 'POST', agent, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } }, (response) => {
    response.resume();
    response.on('end', () => finish(i, intended, measured, response.statusCode === 200));
  });
  request.setTimeout(30000, () => request.destroy(new Error('no answer within 30 s')));
  request.on('error', () => finish(i, intended, measured, false));
  request.end(body);
}

function finish(i, intended, measured, ok) {
  if (ok) {
    const latency = performance.now() - intended;
    (bySecond[Math.floor(i / rate)] ??= []).push(latency); // from the index: start + 1000 - start can round below 1000
    if (measured) {
      latencies.push(latency);
    } else {
      warmup.completed++;
    }
  } else if (measured) {
    errors++;
  } else {
    warmup.errors++;
  }
  if (++done === total) {
    report();
  }
}

function tick() {
  const now = performance.now();
  while (sent < total && start + (sent * 1000) / rate <= now) {
    fire(sent, start + (sent * 1000) / rate);
    sent++;
  }
  if (sent < total) {
    setTimeout(tick, 1); // a timer, not a spin: the injector shares the machine's cores with the server
  }
}

function percentile(sorted, p) {
  return sorted.length === 0 ? -1 : Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] * 100) / 100;
}

function report() {
  const sorted = latencies.sort((a, b) => a - b);
  const lag = sendLag.sort((a, b) => a - b);
  const elapsed = (performance.now() - measuredStart) / 1000;
  const cpu = process.cpuUsage(cpuAtStart);
  console.log(JSON.stringify({
    intended: total - warmupTotal, completed: latencies.length, errors, rate, seconds,
    completed_per_s: Math.round((latencies.length / elapsed) * 10) / 10,
    latency_ms: { p50: percentile(sorted, 50), p90: percentile(sorted, 90), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: percentile(sorted, 100) },
    injector_send_lag_ms: { p50: percentile(lag, 50), p99: percentile(lag, 99), max: percentile(lag, 100) },
    connections: agent.maxSockets,
    injector_cpu_ms_per_request: Math.round(((cpu.user + cpu.system) / 1000 / total) * 1000) / 1000,
    per_second: Array.from({ length: Math.ceil(warmupSeconds + seconds) }, (_, second) => bySecond[second] ?? []).map((l, second) => { l.sort((a, b) => a - b); return { second, warmup: second < warmupSeconds, completed: l.length, p50: percentile(l, 50), p95: percentile(l, 95) }; }),
    warmup,
  }));
  agent.destroy();
}

setTimeout(tick, 50);
