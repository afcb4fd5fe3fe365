'use strict';
// A second Engram backend, written from the SOP (sections 1.1, 9 and 10) and the upstream shapes
// (docs: engram-upstream), independently of the harness's Java reference server. Configured only by the SOP's
// variables and PORT. ENGRAM_DEPART switches on documented departures (comma-separated), so the harness can be
// shown to find each one:
//   no-transcription      session.update asks VoiceLive for no input_audio_transcription
//   no-zep-write          turns are never persisted to Zep
//   ignore-unknown-agent  an unknown agent id on the voice socket is ignored silently
//   close-on-bad-frame    a bad client frame closes the socket instead of answering an error
const http = require('http');
const crypto = require('crypto');
const { WebSocketServer, WebSocket } = require('ws');

const env = process.env;
const departures = new Set((env.ENGRAM_DEPART || '').split(',').map((d) => d.trim()).filter(Boolean));
const port = Number(env.PORT || 8082);
const gatewayTimeoutMs = Number(env.ENGRAM_GATEWAY_TIMEOUT_MS || 30000);
const zepTimeoutMs = Number(env.ENGRAM_ZEP_TIMEOUT_MS || 1000);
const apiVersion = env.AZURE_VOICELIVE_API_VERSION || '2025-10-01';
const corsOrigins = env.CORS_ORIGINS ? JSON.parse(env.CORS_ORIGINS) : [];
const authRequired = (env.AUTH_REQUIRED || 'false').toLowerCase() === 'true';

const agents = {
  elena: { name: 'Dr. Elena Vasquez', title: 'Business Analyst', voice: env.AZURE_VOICELIVE_VOICE || 'en-US-Ava:DragonHDLatestNeural',
    persona: 'You are Dr. Elena Vasquez, a business analyst at Engram who turns conversations into requirements.' },
  marcus: { name: 'Marcus Chen', title: 'Project Manager', voice: env.MARCUS_VOICELIVE_VOICE || 'en-US-Andrew:DragonHDLatestNeural',
    persona: 'You are Marcus Chen, the project manager at Engram: plans, risks and milestones.' },
  sage: { name: 'Sage Meridian', title: 'Storytelling & Visualization Specialist', voice: env.SAGE_VOICELIVE_VOICE || 'en-US-Emma:DragonHDLatestNeural',
    persona: 'You are Sage Meridian, the storyteller at Engram, who explains ideas as stories.' },
};
let activeSessions = 0;

function send(res, status, body, headers = {}) {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function corsHeaders(req) {
  const origin = req.headers.origin;
  return origin && corsOrigins.includes(origin)
    ? { 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Credentials': 'true', Vary: 'Origin' } : {};
}

function newSessionId() {
  return `session-${Date.now()}-${crypto.randomBytes(6).toString('base64url').toLowerCase().replace(/[^a-z0-9]/g, '0').slice(0, 7)}`;
}

async function fetchWithin(url, options, ms) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ms);
  try {
    return await fetch(url, { ...options, signal: controller.signal });
  } finally {
    clearTimeout(timer);
  }
}

// --- Zep: best-effort, bounded
const zepBase = (env.ZEP_API_URL || '').replace(/\/+$/, '');
const zepHeaders = { 'Content-Type': 'application/json', ...(env.ZEP_API_KEY ? { Authorization: `Api-Key ${env.ZEP_API_KEY}` } : {}) };
const knownSessions = new Set();

async function zepJson(path, options = {}) {
  if (!zepBase) return null;
  try {
    const r = await fetchWithin(zepBase + path, { ...options, headers: zepHeaders }, zepTimeoutMs);
    return r.ok ? await r.json() : null;
  } catch (e) {
    return null;
  }
}

async function recall(sessionId, userId, query) {
  const [messages, facts] = await Promise.all([
    zepJson(`/api/v1/sessions/${encodeURIComponent(sessionId)}/messages?limit=12`),
    zepJson(`/api/v1/users/${encodeURIComponent(userId)}/facts?limit=5&query=${encodeURIComponent(query)}`),
  ]);
  const turns = ((messages && messages.messages) || []).map((m) => m.content);
  const factList = (Array.isArray(facts) ? facts : (facts && facts.facts) || []).map((f) => f.fact);
  return { turns, facts: factList };
}

async function persist(sessionId, userId, turns) {
  if (departures.has('no-zep-write') || !zepBase) return;
  if (!knownSessions.has(sessionId)) {
    await zepJson('/api/v1/sessions', { method: 'POST', body: JSON.stringify({ session_id: sessionId, user_id: userId, metadata: { source: 'engram-node' } }) });
    knownSessions.add(sessionId);
  }
  await zepJson(`/api/v1/sessions/${encodeURIComponent(sessionId)}/memory`, {
    method: 'POST', body: JSON.stringify({ messages: turns.map(([role, content]) => ({ role_type: role, content, metadata: {} })) }),
  });
}

// --- the chat gateway: OpenAI-compatible, 429 retried with Retry-After
class HttpError extends Error {
  constructor(status, detail, headers = {}) { super(detail); this.status = status; this.headers = headers; }
}

async function complete(system, question) {
  const base = (env.AZURE_AI_ENDPOINT || '').replace(/\/+$/, '');
  const url = base.includes('/openai/v1') ? `${base}/chat/completions`
    : `${base}/openai/deployments/${env.AZURE_AI_DEPLOYMENT}/chat/completions?api-version=2024-10-21`;
  const body = JSON.stringify({ model: env.AZURE_AI_DEPLOYMENT, messages: [{ role: 'system', content: system }, { role: 'user', content: question }] });
  const headers = { 'Content-Type': 'application/json', 'api-key': env.AZURE_AI_KEY || '', 'Ocp-Apim-Subscription-Key': env.AZURE_AI_KEY || '' };
  for (let attempt = 1; ; attempt++) {
    let r;
    try {
      r = await fetchWithin(url, { method: 'POST', headers, body }, gatewayTimeoutMs);
    } catch (e) {
      if (e.name === 'AbortError') throw new HttpError(504, `the chat gateway did not answer within ${gatewayTimeoutMs} ms`);
      throw new HttpError(503, `the chat gateway is unreachable at ${new URL(url).host}`);
    }
    if (r.status === 429) {
      const wait = Number(r.headers.get('retry-after') || 1);
      if (attempt < 3) { await new Promise((done) => setTimeout(done, wait * 1000)); continue; }
      throw new HttpError(429, 'rate limited by the chat gateway; back off and retry', { 'Retry-After': String(wait) });
    }
    if (!r.ok) throw new HttpError(502, `the chat gateway answered HTTP ${r.status}`);
    const json = await r.json().catch(() => null);
    const content = json && json.choices && json.choices[0] && json.choices[0].message && json.choices[0].message.content;
    if (!content) throw new HttpError(502, 'the chat gateway answered no content');
    return { content, tokens: (json.usage && json.usage.total_tokens) || 0 };
  }
}

// the history goes into the system prompt as plain lines, the way a backend may well lay it out
function systemPrompt(agent, memory) {
  let prompt = agent.persona;
  if (memory.facts.length) prompt += `\n\nWhat we know about the user:\n${memory.facts.join('\n')}`;
  if (memory.turns.length) prompt += `\n\nEarlier in this conversation:\n${memory.turns.join('\n')}`;
  return prompt;
}

async function chat(req, res, raw) {
  let body;
  try { body = JSON.parse(raw); } catch (e) { return send(res, 422, { detail: 'body: malformed JSON' }); }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return send(res, 422, { detail: 'body: expected a JSON object' });
  if (typeof body.content !== 'string' || !body.content.trim()) return send(res, 422, { detail: 'content: a non-empty string is required' });
  if (body.agent_id != null && (typeof body.agent_id !== 'string' || !agents[body.agent_id])) {
    return send(res, 422, { detail: `agent_id: unknown agent; known agents: ${Object.keys(agents).join(', ')}` });
  }
  if (body.session_id != null && typeof body.session_id !== 'string') return send(res, 422, { detail: 'session_id: must be a string' });
  const agentId = body.agent_id || 'elena';
  const sessionId = body.session_id || newSessionId();
  const started = Date.now();
  const userId = 'anonymous';
  try {
    const memory = await recall(sessionId, userId, body.content);
    const answer = await complete(systemPrompt(agents[agentId], memory), body.content);
    persist(sessionId, userId, [['user', body.content], ['assistant', answer.content]]).catch(() => {});
    send(res, 200, {
      message_id: `msg-${crypto.randomUUID()}`, content: answer.content, agent_id: agentId, agent_name: agents[agentId].name,
      timestamp: new Date().toISOString(), tokens_used: answer.tokens, latency_ms: Date.now() - started, session_id: sessionId,
    }, corsHeaders(req));
  } catch (e) {
    send(res, e.status || 500, { detail: e.status ? e.message : 'internal error' }, { ...(e.headers || {}), ...corsHeaders(req) });
  }
}

function voiceStatus() {
  const out = {};
  for (const [id, a] of Object.entries(agents)) out[id] = { voice: a.voice };
  return { voicelive_configured: Boolean(env.AZURE_VOICELIVE_ENDPOINT) && (Boolean(env.AZURE_VOICELIVE_KEY) || Boolean(env.AZURE_CLIENT_ID)),
    endpoint: env.AZURE_VOICELIVE_ENDPOINT || null, model: env.AZURE_VOICELIVE_MODEL || 'gpt-realtime', active_sessions: activeSessions, agents: out };
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  const path = url.pathname;
  if (req.method === 'OPTIONS') {
    const cors = corsHeaders(req);
    if (!cors['Access-Control-Allow-Origin']) return send(res, 403, { detail: 'origin not allowed' });
    res.writeHead(204, { ...cors, 'Access-Control-Allow-Methods': 'GET, POST, OPTIONS', 'Access-Control-Allow-Headers': 'authorization, content-type' });
    return res.end();
  }
  const routes = {
    '/health': { GET: () => send(res, 200, { status: 'healthy', timestamp: new Date().toISOString(), version: '0.1.0-node', environment: env.ENVIRONMENT || 'development' }) },
    '/api/v1/agents': { GET: () => send(res, 200, Object.entries(agents).map(([id, a]) => ({ agent_id: id, name: a.name, title: a.title }))) },
    '/api/v1/voice/status': { GET: () => send(res, 200, voiceStatus()) },
    '/api/v1/chat': { POST: () => {
      if (authRequired && !req.headers.authorization) return send(res, 401, { detail: 'Missing token' });
      let raw = '';
      req.on('data', (c) => { raw += c; });
      req.on('end', () => chat(req, res, raw));
    } },
  };
  const config = path.match(/^\/api\/v1\/voice\/config\/([^/]+)$/);
  if (config) {
    if (req.method !== 'GET') return send(res, 405, { detail: 'method not allowed' });
    const agent = agents[config[1]];
    return agent ? send(res, 200, { agent_id: config[1], voice_name: agent.voice, model: env.AZURE_VOICELIVE_MODEL || 'gpt-realtime',
      endpoint_configured: Boolean(env.AZURE_VOICELIVE_ENDPOINT) })
      : send(res, 404, { detail: `unknown agent; known agents: ${Object.keys(agents).join(', ')}` });
  }
  const route = routes[path];
  if (!route) return send(res, 404, { detail: 'not found' });
  const handler = route[req.method];
  return handler ? handler() : send(res, 405, { detail: 'method not allowed' });
});

// --- the voice socket: SOP 10.2 in, VoiceLive out
const wss = new WebSocketServer({ noServer: true, maxPayload: 16 * 1024 * 1024 });

server.on('upgrade', (req, socket, head) => {
  const match = new URL(req.url, 'http://localhost').pathname.match(/^\/api\/v1\/voice\/voicelive\/([^/]+)$/);
  if (!match) { socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n'); return; }
  wss.handleUpgrade(req, socket, head, (ws) => voiceSession(ws, decodeURIComponent(match[1])));
});

function sessionUpdate(agent) {
  const session = {
    modalities: ['text', 'audio'], instructions: agent.persona, voice: { type: 'azure-standard', name: agent.voice },
    input_audio_format: 'pcm16', output_audio_format: 'pcm16',
    turn_detection: { type: 'server_vad', threshold: 0.6, prefix_padding_ms: 300, silence_duration_ms: 800 },
  };
  if (!departures.has('no-transcription')) session.input_audio_transcription = { model: 'azure-speech' };
  return { type: 'session.update', session: apiVersion === 'v1' ? nested(session) : session };
}

// api-version=v1 speaks the OpenAI GA session shape: audio settings nested under audio.input / audio.output
function nested(flat) {
  const { modalities, input_audio_format: inFormat, output_audio_format: outFormat, turn_detection: turnDetection,
    input_audio_transcription: transcription, voice, ...rest } = flat;
  const input = { format: inFormat, turn_detection: turnDetection };
  if (transcription) input.transcription = transcription;
  return { ...rest, output_modalities: modalities, audio: { input, output: { format: outFormat, voice } } };
}

function voiceSession(client, sessionId) {
  activeSessions++;
  let agentId = 'elena';
  let ended = false;
  let assistantText = null;
  const unsaved = [];
  const toClient = (m) => { if (client.readyState === WebSocket.OPEN) client.send(JSON.stringify(m)); };
  const error = (message) => toClient({ type: 'error', message });
  const end = () => { if (!ended) { ended = true; activeSessions--; if (upstream) upstream.terminate(); } };
  const fail = (reason) => { if (ended) return; error(reason); end(); client.close(1011, reason.slice(0, 120)); };
  client.on('close', end);
  client.on('error', end);

  let upstream = null;
  if (!env.AZURE_VOICELIVE_ENDPOINT) { fail('VoiceLive is not configured: voicelive_configured is false; set AZURE_VOICELIVE_ENDPOINT'); return; }
  if (env.AZURE_VOICELIVE_KEY === '') { fail('key must be a string: AZURE_VOICELIVE_KEY is empty'); return; }
  const base = env.AZURE_VOICELIVE_ENDPOINT.replace(/\/+$/, '').replace(/^http/, 'ws');
  const model = env.AZURE_VOICELIVE_MODEL || 'gpt-realtime';
  const path = env.AZURE_VOICELIVE_PROJECT_NAME ? `/api/projects/${env.AZURE_VOICELIVE_PROJECT_NAME}/voice-live/realtime` : '/voice-live/realtime';
  upstream = new WebSocket(`${base}${path}?api-version=${apiVersion}&model=${encodeURIComponent(model)}`, 'realtime',
    { headers: { 'api-key': env.AZURE_VOICELIVE_KEY || '' } });
  const pending = [];
  const toVoiceLive = (m) => { if (upstream.readyState === WebSocket.OPEN) upstream.send(JSON.stringify(m)); else pending.push(m); };
  upstream.on('unexpected-response', (req, res) => fail(`Failed to establish WebSocket connection: ${res.statusCode} ${res.statusMessage}`));
  upstream.on('error', (e) => fail(`Failed to establish WebSocket connection: ${e.message}`));
  upstream.on('close', () => fail('VoiceLive closed the session'));
  upstream.on('open', () => {
    upstream.send(JSON.stringify(sessionUpdate(agents[agentId])));
    pending.splice(0).forEach((m) => upstream.send(JSON.stringify(m)));
    toClient({ type: 'agent_switched', agent_id: agentId });
  });
  // a response in flight must keep moving: each of its events re-arms the check, response.done disarms it
  const stallMs = Number(env.ENGRAM_VOICE_STALL_MS || 15000);
  let stall = null;
  const watch = (type) => {
    clearTimeout(stall);
    stall = type.startsWith('response.') && type !== 'response.done' ? setTimeout(() => {
      if (ended) return;
      error(`VoiceLive stopped in the middle of the response (nothing for ${stallMs} ms); the response was cancelled, please ask again`);
      toVoiceLive({ type: 'response.cancel' });
    }, stallMs) : null;
  };
  client.on('close', () => clearTimeout(stall));
  upstream.on('message', (data) => {
    let e;
    try { e = JSON.parse(data.toString()); } catch (x) { return; }
    watch(String(e.type || ''));
    switch (e.type) {
      case 'input_audio_buffer.speech_started': return toClient({ type: 'transcription', status: 'listening' });
      case 'input_audio_buffer.speech_stopped': return toClient({ type: 'transcription', status: 'processing' });
      case 'conversation.item.input_audio_transcription.delta': return toClient({ type: 'transcription', status: 'processing', text: e.delta, speaker: 'user' });
      case 'conversation.item.input_audio_transcription.completed':
        unsaved.push(['user', e.transcript]);
        return toClient({ type: 'transcription', status: 'complete', text: e.transcript, speaker: 'user' });
      case 'conversation.item.input_audio_transcription.failed': return error('the speech could not be transcribed');
      case 'response.audio.delta': case 'response.output_audio.delta':
        return toClient({ type: 'audio', data: e.delta, format: 'audio/pcm16' });
      case 'response.text.delta': case 'response.audio_transcript.delta': case 'response.output_text.delta': case 'response.output_audio_transcript.delta':
        return toClient({ type: 'transcription', status: 'processing', text: e.delta, speaker: 'assistant' });
      case 'response.text.done': case 'response.output_text.done':
        assistantText = e.text;
        return toClient({ type: 'transcription', status: 'complete', text: e.text, speaker: 'assistant' });
      case 'response.audio_transcript.done': case 'response.output_audio_transcript.done':
        if (assistantText === null) assistantText = e.transcript;
        return toClient({ type: 'transcription', status: 'complete', text: e.transcript, speaker: 'assistant' });
      case 'response.done':
        if (assistantText) unsaved.push(['assistant', assistantText]);
        assistantText = null;
        if (unsaved.length) persist(sessionId, 'anonymous', unsaved.splice(0)).catch(() => {});
        return undefined;
      case 'error': return error(`VoiceLive: ${(e.error && e.error.message) || 'error'}`);
      default: return undefined;
    }
  });

  const bad = (message) => (departures.has('close-on-bad-frame') ? client.close(1003, 'bad frame') : error(message));
  client.on('message', (data) => {
    if (data.length > 1000000) return bad(`message too large: ${data.length} bytes; send audio in frames of 4096 samples`);
    let m;
    try { m = JSON.parse(data.toString()); } catch (e) { return bad('malformed JSON: expected {"type": "audio" | "agent" | "cancel"}'); }
    if (m.type === 'audio') {
      const pcm = typeof m.data === 'string' && /^[A-Za-z0-9+/]+={0,2}$/.test(m.data) ? Buffer.from(m.data, 'base64') : null;
      if (!pcm || pcm.length === 0) return bad("'data' must be non-empty base64 PCM16 audio");
      if (pcm.length % 2) return bad("'data' is not PCM16: an odd number of bytes");
      if (pcm.subarray(0, 4).toString() === 'RIFF') return bad("'data' holds a WAV file; send raw PCM16 samples");
      return toVoiceLive({ type: 'input_audio_buffer.append', audio: m.data });
    }
    if (m.type === 'agent') {
      if (!agents[m.agent_id]) {
        return departures.has('ignore-unknown-agent') ? undefined
          : error(`unknown agent '${m.agent_id}'; known agents: ${Object.keys(agents).join(', ')}; staying with ${agentId}`);
      }
      agentId = m.agent_id;
      toVoiceLive(sessionUpdate(agents[agentId]));
      return toClient({ type: 'agent_switched', agent_id: agentId });
    }
    if (m.type === 'cancel') return toVoiceLive({ type: 'response.cancel' });
    return bad(`unknown message type '${m.type}'; expected audio, agent or cancel`);
  });
}

server.listen(port, '127.0.0.1', () => console.log(`Engram (Node.js) listening on http://127.0.0.1:${port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
