// The anchor: a Node.js ws server that speaks just enough of VoiceLive to pace an answer with the simulator's frame
// schedule (session.created; on response.create, after the response latency, --frames audio deltas of --chunk-ms each
// at a fixed rate, then response.done). Prints {"port": N} when ready.
import { WebSocketServer } from 'ws';

const args = Object.fromEntries(process.argv.slice(2).map((a, i, all) => a.startsWith('--') ? [a.slice(2), all[i + 1]] : null).filter(Boolean));
const frames = Number(args.frames || 30);
const chunkMs = Number(args['chunk-ms'] || 100);
const latencyMs = Number(args['latency-ms'] || 350);
const delta = Buffer.alloc(chunkMs * 48).toString('base64');
const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: (p) => (p.has('realtime') ? 'realtime' : false) });

wss.on('connection', (ws) => {
  ws.send(JSON.stringify({ type: 'session.created', session: { id: 'sess_pacer' } }));
  ws.on('message', (data) => {
    const e = JSON.parse(data);
    if (e.type !== 'response.create') return;
    const start = performance.now() + latencyMs;
    let k = 0;
    const next = () => {
      if (ws.readyState !== ws.OPEN) return;
      if (k === frames) {
        ws.send(JSON.stringify({ type: 'response.done', response: { status: 'completed' } }));
        return;
      }
      ws.send(JSON.stringify({ type: 'response.audio.delta', response_id: 'resp_1', item_id: 'item_1', output_index: 0, content_index: 0, delta }));
      k++;
      setTimeout(next, Math.max(0, start + k * chunkMs - performance.now()));
    };
    setTimeout(next, latencyMs);
  });
});
wss.on('listening', () => console.log(JSON.stringify({ port: wss.address().port })));
