/* global document, location, history, sessionStorage, fetch, setTimeout, clearTimeout */
/* eslint-disable no-restricted-globals -- a page in the browser refreshes on wall time; the rig's virtual time is the API's `now` */
// A device's own web interface: finds the device ID in the address (/devices/<id>/), reads the
// device API, loads the page module of the device's family (gateway.js, …) and refreshes it.
// Everything it shows and does goes through the same HTTP API a script could call
// (docs/device-pages.md); nothing here is fetched from outside fleetrig.

import { connectLive } from '/common/liveClient.js';

const TOKEN_KEY = 'fleetrig.administratorToken';
// The page reads the device API again at once when the live feed (/api/v1/live) says this device
// changed, and once a second besides (wall time, in the browser), so the virtual time and
// countdowns the API computes keep moving while the device itself does not.
const REFRESH_MS = 1000;

const deviceId = decodeURIComponent(location.pathname.split('/').filter(Boolean)[1] ?? '');
const $ = (id) => document.getElementById(id);

/** The administrator token: typed into the sign-in box, or handed over in the address as #token=…; kept for this tab only. */
function takeTokenFromAddress() {
  const match = /^#token=(.+)$/.exec(location.hash);
  if (match === null) return;
  sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(match[1]));
  history.replaceState(null, '', location.pathname + location.search);
}
const token = () => sessionStorage.getItem(TOKEN_KEY);

async function request(method, path, body, bearer = token()) {
  const headers = {};
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (error) {
    return { ok: false, error: 'UNREACHABLE', message: `fleetrig did not answer: ${error.message}` };
  }
  const answer = await response.json().catch(() => ({ error: 'BAD_REPLY', message: `HTTP ${response.status} with a body that is not JSON` }));
  return response.ok ? { ok: true, value: answer } : { ok: false, error: answer.error, message: answer.message };
}

const api = {
  device: () => request('GET', `/api/v1/fleet/devices/${encodeURIComponent(deviceId)}`, undefined, null),
  /** Runs one of the device's actions; resolves with { ok, value } or { ok: false, error, message }. */
  act: (action, body = {}) => request('POST', `/api/v1/fleet/devices/${encodeURIComponent(deviceId)}/${action}`, body),
};

/** The words the page shows for a refusal: the API's code and message, as it sent them. */
function errorText(failure) {
  return `${failure.error}: ${failure.message}`;
}

const RUN_STATE = { running: ['ok', 'Running'], booting: ['warn', 'Booting'], off: ['off', 'Off'] };

function showRunState(state) {
  const [tone, label] = RUN_STATE[state] ?? ['info', state];
  const badge = $('device-state');
  badge.className = `badge ${tone}`;
  badge.textContent = label;
}

function showSignIn() {
  const signedIn = token() !== null;
  $('sign-in-form').hidden = signedIn;
  $('signed-in').hidden = !signedIn;
}

function wireSignIn() {
  $('sign-in-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const typed = $('sign-in-token').value.trim();
    // Only the administrator may list tokens, so this asks whether the token is one.
    const checked = await request('GET', '/api/v1/tokens', undefined, typed);
    if (!checked.ok) {
      $('sign-in-error').textContent = errorText(checked);
      return;
    }
    sessionStorage.setItem(TOKEN_KEY, typed);
    $('sign-in-token').value = '';
    $('sign-in-error').textContent = '';
    showSignIn();
  });
  $('sign-out').addEventListener('click', () => {
    sessionStorage.removeItem(TOKEN_KEY);
    showSignIn();
  });
}

/** A family without pages of its own: its state, and the reboot every device has. */
const genericPage = {
  mount(root, ctx) {
    root.innerHTML = `<section class="panel" aria-labelledby="generic-heading"><h2 id="generic-heading">Device</h2>
      <p id="generic-licenses"></p><button type="button" id="generic-reboot">Reboot</button>
      <p id="generic-error" class="error" role="alert"></p></section>`;
    root.querySelector('#generic-reboot').addEventListener('click', async () => {
      const done = await ctx.act('reboot');
      root.querySelector('#generic-error').textContent = done.ok ? '' : errorText(done);
      ctx.refresh();
    });
    return (device) => {
      const licenses = device.state.licenses ?? [];
      root.querySelector('#generic-licenses').textContent = licenses.length === 0 ? 'No licenses in force.'
        : `Licenses in force: ${licenses.map((l) => `${l.featureCode} ×${l.count}`).join(', ')}`;
    };
  },
};

async function main() {
  takeTokenFromAddress();
  wireSignIn();
  showSignIn();
  document.title = `${deviceId} — fleetrig`;
  $('device-title').textContent = deviceId;

  const first = await api.device();
  if (!first.ok) {
    $('load-error').textContent = errorText(first);
    showRunState('unknown');
    $('device-state').textContent = 'Unknown device';
    return;
  }
  const family = first.value.family;
  $('device-title').textContent = `${deviceId} (${family})`;
  const module = first.value.view === null ? genericPage : await import(`./${family}.js`);

  let timer;
  const refresh = async () => {
    clearTimeout(timer);
    const read = await api.device();
    if (read.ok) {
      $('load-error').textContent = '';
      showRunState(read.value.state.state);
      update(read.value);
    } else {
      $('load-error').textContent = errorText(read);
    }
    // A refresh an action asked for may overlap the timer's: keep one timer, not two.
    clearTimeout(timer);
    timer = setTimeout(refresh, REFRESH_MS);
  };
  const update = module.mount($('device-page'), { deviceId, act: api.act, refresh, errorText });
  showRunState(first.value.state.state);
  update(first.value);
  timer = setTimeout(refresh, REFRESH_MS);
  connectLive({
    onSnapshot: () => void refresh(),
    onMessage: (message) => {
      if (message.type === 'change' && message.device?.deviceId === deviceId) void refresh();
    },
  });
}

main();
