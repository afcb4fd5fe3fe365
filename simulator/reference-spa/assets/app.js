// Engram reference SPA: the routes, landmarks and session handling of upstream's UI, without a build step.
(function () {
  'use strict';
  var config = window.ENGRAM_CONFIG || {};
  var apiBase = (config.VITE_API_URL || '').replace(/\/+$/, '');

  // The frontend converts https to wss (SOP 1.1): the socket URL swaps http for ws.
  function deriveWsUrl(base) { return base.replace(/^http/, 'ws'); }
  var wsBase = deriveWsUrl((config.VITE_WS_URL || config.VITE_API_URL || location.origin).replace(/\/+$/, ''));

  // One session id per browser tab, shared by chat and voice (SOP 1.1 "Unified one episode").
  function sessionId() {
    var id = sessionStorage.getItem('engram_session_id');
    if (!id) {
      id = 'session-' + Date.now() + '-' + (Math.random().toString(36).slice(2) + '0000000').slice(0, 7);
      sessionStorage.setItem('engram_session_id', id);
    }
    return id;
  }

  var AGENTS = { elena: 'Dr. Elena Vasquez', marcus: 'Marcus Chen', sage: 'Sage Meridian' };
  var agent = sessionStorage.getItem('engram_agent') || 'elena';
  var socket = null;

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) { node.textContent = text; }
    return node;
  }

  function simplePage(title) {
    return function (main) {
      main.appendChild(el('h1', {}, title));
      main.appendChild(el('p', {}, title + ' for session ' + sessionId() + '.'));
    };
  }

  function chatPage(main) {
    main.appendChild(el('h1', {}, 'Chat'));
    var list = el('ul', { class: 'messages', 'aria-live': 'polite', 'aria-label': 'Conversation' });
    var form = el('form', { 'aria-label': 'Send a message' });
    form.appendChild(el('label', { for: 'message' }, 'Message'));
    form.appendChild(el('textarea', { id: 'message', name: 'message' }));
    form.appendChild(el('button', { type: 'submit' }, 'Send'));
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var text = document.getElementById('message').value.trim();
      if (!text) { return; }
      list.appendChild(el('li', {}, 'You: ' + text));
      fetch(apiBase + '/api/v1/chat', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ content: text, agent_id: agent, session_id: sessionId() })
      }).then(function (r) { return r.json(); })
        .then(function (reply) { list.appendChild(el('li', { class: 'reply' }, (reply.agent_name || agent) + ': ' + (reply.content || reply.detail))); })
        .catch(function (e) { list.appendChild(el('li', { class: 'reply' }, 'Error: ' + e)); });
    });
    main.appendChild(form);
    main.appendChild(list);
  }

  function voicePage(main) {
    main.appendChild(el('h1', {}, 'Voice Interaction'));
    var status = el('p', { id: 'connection-status' });
    status.appendChild(document.createTextNode('Connection Status: '));
    status.appendChild(el('span', { id: 'status' }, socket && socket.readyState === 1 ? 'Connected' : 'Disconnected'));
    main.appendChild(status);
    var button = el('button', { type: 'button', id: 'connect' }, 'Connect');
    button.addEventListener('click', function () {
      if (socket) { socket.close(); }
      socket = new WebSocket(wsBase + '/api/v1/voice/voicelive/' + sessionId());
      socket.onopen = function () { setStatus('Connected'); socket.send(JSON.stringify({ type: 'agent', agent_id: agent })); };
      socket.onclose = function () { setStatus('Disconnected'); };
      socket.onerror = function () { setStatus('Error'); };
    });
    main.appendChild(button);
  }

  function setStatus(text) {
    var node = document.getElementById('status');
    if (node) { node.textContent = text; }
  }

  var ROUTES = {
    '/': chatPage, '/voice': voicePage, '/agents': simplePage('Agents'), '/sources': simplePage('Sources'),
    '/validation/golden-thread': simplePage('Golden Thread Validation'), '/evidence': simplePage('Evidence'),
    '/stories': simplePage('Stories'), '/bau': simplePage('Business as Usual'), '/memory/graph': simplePage('Memory Graph'),
    '/memory/episodes': simplePage('Episodes'), '/memory/search': simplePage('Memory Search'),
    '/workflows/active': simplePage('Active Workflows'), '/workflows/history': simplePage('Workflow History'),
    '/workflows/signals': simplePage('Workflow Signals'), '/settings/general': simplePage('General Settings'),
    '/admin/health': simplePage('System Health'), '/admin/users': simplePage('Users')
  };
  var REDIRECTS = { '/validation': '/validation/golden-thread', '/workflows': '/workflows/active' };
  var PATTERNS = [[/^\/stories\/[^/]+$/, simplePage('Story')], [/^\/workflows\/[^/]+$/, simplePage('Workflow')]];

  function resolve(path) {
    if (ROUTES[path]) { return ROUTES[path]; }
    for (var i = 0; i < PATTERNS.length; i++) { if (PATTERNS[i][0].test(path)) { return PATTERNS[i][1]; } }
    return null;
  }

  function render() {
    var path = location.pathname.replace(/\/+$/, '') || '/';
    if (REDIRECTS[path]) { history.replaceState(null, '', REDIRECTS[path]); path = REDIRECTS[path]; }
    var page = resolve(path);
    if (!page) { history.replaceState(null, '', '/'); page = chatPage; }
    var main = document.getElementById('page');
    main.innerHTML = '';
    page(main);
    document.getElementById('current-agent').textContent = AGENTS[agent];
  }

  function go(path) { history.pushState(null, '', path); render(); }

  document.querySelectorAll('nav button').forEach(function (button) {
    button.addEventListener('click', function () {
      if (button.dataset.agent) {
        agent = button.dataset.agent;
        sessionStorage.setItem('engram_agent', agent);
        go('/');
      } else {
        go(button.dataset.go);
      }
    });
  });
  window.addEventListener('popstate', render);
  window.engram = { sessionId: sessionId, deriveWsUrl: deriveWsUrl, wsBase: wsBase, routes: Object.keys(ROUTES) };
  sessionId();
  render();
})();
