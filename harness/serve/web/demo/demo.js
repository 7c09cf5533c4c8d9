/* global document, fetch, setInterval, setTimeout */
/* eslint-disable no-restricted-globals -- a page in the browser polls on wall time; the rig's virtual time is the API's `now` */
// The demo page: reads and drives demo mode only through the HTTP API a script could call too
// (GET/POST /api/v1/demo, /api/v1/clock). It polls once a second, and sooner when the live feed
// says the fleet changed (a step under way changes it).
import { storedToken, storeToken, takeTokenFromAddress, TOKEN_KEYS } from '/common/api.js';
import { connectLive } from '/common/liveClient.js';
import { portalPanel } from './portalPanel.js';

const POLL_MS = 1000;
/** At most one extra refresh per this many milliseconds however busy the fleet is. */
const LIVE_THROTTLE_MS = 300;
const $ = (id) => document.getElementById(id);

// The device pages' key: one sign-in per tab serves both.
const tokenInput = $('token');
takeTokenFromAddress(TOKEN_KEYS.administrator);
tokenInput.value = storedToken(TOKEN_KEYS.administrator) ?? '';
tokenInput.addEventListener('change', () => storeToken(TOKEN_KEYS.administrator, tokenInput.value.trim()));

let busy = false;
let lastDemo;
const updatePortal = portalPanel($('portal'), () => tokenInput.value.trim());

/** A request to the service; resolves with `{ status, body }`, or `{ status: 0 }` when it is unreachable. */
async function api(method, path, body) {
  const headers = { accept: 'application/json' };
  if (method !== 'GET') {
    headers['content-type'] = 'application/json';
    const token = tokenInput.value.trim();
    if (token) headers.authorization = `Bearer ${token}`;
  }
  try {
    const res = await fetch(path, { method, headers, body: method === 'GET' ? undefined : JSON.stringify(body ?? {}) });
    return { status: res.status, body: await res.json().catch(() => ({})) };
  } catch {
    return { status: 0, body: { message: 'the service does not answer (restarting, or stopped)' } };
  }
}

/** The API's own words for a refusal: `CODE: message`. */
function refusal(reply) {
  return reply.body.error ? `${reply.body.error}: ${reply.body.message}` : reply.body.message ?? `HTTP ${reply.status}`;
}

function say(element, text, failed) {
  element.textContent = text;
  element.classList.toggle('failed', Boolean(failed));
}

function renderDemo(demo) {
  lastDemo = demo;
  $('scenario-name').textContent = demo.scenario.name;
  $('scenario-description').textContent = demo.scenario.description ?? '';
  document.title = `fleetrig demo · ${demo.scenario.name}`;
  const list = $('steps');
  const current = demo.running ? demo.position : demo.position < demo.steps.length ? demo.position : -1;
  list.replaceChildren(...demo.steps.map((step) => {
    const item = document.createElement('li');
    item.className = step.status;
    if (step.index === current) item.setAttribute('aria-current', 'step');
    const cell = (cls, text) => {
      const el = document.createElement('span');
      el.className = cls;
      el.textContent = text;
      return el;
    };
    item.append(cell('number', `${step.index + 1}.`), cell('status', step.status), cell('text', step.text));
    if (step.description) item.append(cell('say', step.description));
    if (step.failure) item.append(cell('failure', `line ${step.failure.line ?? '?'}: ${step.failure.message}`));
    return item;
  }));
  const done = demo.steps.filter((s) => s.status === 'passed').length;
  const failed = demo.steps.find((s) => s.status === 'failed');
  $('progress').textContent = demo.running
    ? `Step ${demo.position + 1} of ${demo.steps.length} running${demo.waiting ? ', waiting for virtual time: speed the clock up or skip to the next deadline' : ''}`
    : failed ? `Stopped: step ${failed.index + 1} failed` : demo.position >= demo.steps.length ? `All ${demo.steps.length} steps passed` : `${done} of ${demo.steps.length} steps done`;
  const canStep = !busy && !demo.running && demo.position < demo.steps.length;
  $('next').disabled = !canStep;
  $('run').disabled = !canStep;
}

function renderClock(clock) {
  $('clock-time').textContent = clock.time;
  $('clock-state').textContent = clock.running ? `running at ${clock.speed}×` : 'paused';
  $('clock-deadline').textContent = clock.nextDeadlineTime ?? 'none';
  $('pause').disabled = !clock.running;
  $('resume').disabled = clock.running;
  if (document.activeElement !== $('speed')) $('speed').value = String(clock.speed);
}

async function refresh() {
  const [demo, clock] = await Promise.all([api('GET', '/api/v1/demo'), api('GET', '/api/v1/clock')]);
  if (demo.status === 200) {
    renderDemo(demo.body);
    await updatePortal(demo.body);
  }
  else if (demo.status !== 0 || !lastDemo) say($('result'), refusal(demo), true);
  if (clock.status === 200) renderClock(clock.body);
}

/** Runs a demo POST; the answer (the API's words) is shown beside the buttons. */
async function step(path, what) {
  busy = true;
  if (lastDemo) renderDemo(lastDemo);
  say($('result'), `${what}…`);
  const reply = await api('POST', path);
  busy = false;
  if (reply.status === 200) {
    const failed = reply.body.steps.find((s) => s.status === 'failed');
    say($('result'), failed ? `Step ${failed.index + 1} failed at line ${failed.failure.line ?? '?'}: ${failed.failure.message}` : `${what}: done`, Boolean(failed));
    renderDemo(reply.body);
  } else if (reply.status === 202) {
    say($('result'), reply.body.message);
  } else {
    say($('result'), refusal(reply), true);
  }
  await refresh();
}

async function moveClock(path, body) {
  const reply = await api('POST', `/api/v1/clock/${path}`, body);
  if (reply.status === 200) {
    say($('clock-result'), '');
    renderClock(reply.body);
  } else {
    say($('clock-result'), refusal(reply), true);
  }
}

$('next').addEventListener('click', () => step('/api/v1/demo/next', 'Next step'));
$('run').addEventListener('click', () => step('/api/v1/demo/run', 'Run to end'));
$('restart').addEventListener('click', () => step('/api/v1/demo/restart', 'Restart'));
$('pause').addEventListener('click', () => moveClock('pause'));
$('resume').addEventListener('click', () => moveClock('resume'));
// While a step waits, the skip names it, so a click on a view a second old cannot jump past what
// the next step checks (the service refuses it, 409, if that step is done); otherwise a plain skip.
$('skip').addEventListener('click', async () => {
  if (lastDemo?.waiting !== true) return moveClock('next-deadline');
  const reply = await api('POST', '/api/v1/demo/skip', { position: lastDemo.position });
  if (reply.status === 200) {
    say($('clock-result'), '');
    renderClock(reply.body.clock);
    renderDemo(reply.body);
  } else {
    say($('clock-result'), refusal(reply), true);
  }
  await refresh();
});
$('set-speed').addEventListener('click', () => moveClock('speed', { speed: Number($('speed').value) }));

await refresh();
// Polled, so it survives a restart and sees a step end even in a quiet fleet; the feed only makes it sooner.
setInterval(refresh, POLL_MS);
let liveTimer;
const refreshSoon = () => {
  if (liveTimer !== undefined) return;
  liveTimer = setTimeout(() => {
    liveTimer = undefined;
    void refresh();
  }, LIVE_THROTTLE_MS);
};
connectLive({ onSnapshot: refreshSoon, onMessage: (message) => message.type === 'change' && refreshSoon() });
