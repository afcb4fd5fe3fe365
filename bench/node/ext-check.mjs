import WebSocket from 'ws';
const ws = new WebSocket(process.argv[2], 'realtime', { headers: { 'api-key': process.argv[3] } });
ws.on('upgrade', (r) => { console.log('extensions:', r.headers['sec-websocket-extensions']); process.exit(0); });
ws.on('error', (e) => { console.log('error', e.message); process.exit(1); });
