/* global document, location, setTimeout, clearTimeout */
/* eslint-disable no-restricted-globals -- a page in the browser refreshes on wall time; the rig's virtual time is the API's `now` */
// A device's own web interface: finds the device ID in the address (/devices/<id>/), reads the
// device API, loads the page module of the device's family (gateway.js, …) and refreshes it.
// Everything it shows and does goes through the same HTTP API a script could call
// (docs/device-pages.md); nothing here is fetched from outside fleetrig.

import { connectLive } from '/common/liveClient.js';
import { el, errorText, oneAtATime, request, storedToken, storeToken, takeTokenFromAddress, TOKEN_KEYS } from '/common/api.js';
import { mountMachineView } from './machineView.js';

// The page reads the device API again at once when the live feed (/api/v1/live) says this device
// changed, and once a second besides (wall time, in the browser), so the virtual time and
// countdowns the API computes keep moving while the device itself does not.
const REFRESH_MS = 1000;
const LIVE_MS = 200;

const deviceId = decodeURIComponent(location.pathname.split('/').filter(Boolean)[1] ?? '');
const $ = (id) => document.getElementById(id);
const token = () => storedToken(TOKEN_KEYS.administrator);

const api = {
  device: () => request('GET', `/api/v1/fleet/devices/${encodeURIComponent(deviceId)}`),
  /** Runs one of the device's actions; resolves with { ok, value } or { ok: false, error, message }. */
  act: (action, body = {}) => request('POST', `/api/v1/fleet/devices/${encodeURIComponent(deviceId)}/${action}`, body, token()),
  /** Any other read of the service's API a family's page needs (e.g. the device's machine). */
  get: (path) => request('GET', path, undefined, token()),
};

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
    // Whose token it is; only the administrator's may operate a device.
    const checked = await request('GET', '/api/v1/session', undefined, typed);
    if (!checked.ok) {
      $('sign-in-error').textContent = errorText(checked);
      return;
    }
    const { user, roles } = checked.value.session;
    if (!roles.includes('Administrator')) {
      $('sign-in-error').textContent = `FORBIDDEN: the token of ${user} has ${roles.join(', ')}; operating a device needs the Administrator's (the one fleetrig serve prints)`;
      return;
    }
    storeToken(TOKEN_KEYS.administrator, typed);
    $('sign-in-token').value = '';
    $('sign-in-error').textContent = '';
    showSignIn();
  });
  $('sign-out').addEventListener('click', () => {
    storeToken(TOKEN_KEYS.administrator, null);
    showSignIn();
  });
}

/**
 * The reboot every device has, as its own panel: for a family whose page has no Reboot of its own
 * (a module that has one exports `hasReboot`), and for the generic page.
 */
function powerPanel(ctx) {
  const error = el('p', { class: 'error', role: 'alert' });
  const button = el('button', { type: 'button', onclick: () => ctx.run(button, 'reboot', {}, { error }) }, 'Reboot');
  return el('section', { class: 'panel', 'aria-labelledby': 'power-heading' }, el('h2', { id: 'power-heading' }, 'Power'), button, error);
}

/** A family without pages of its own: its licenses in force, and the reboot every device has. */
const genericPage = {
  mount(root, ctx) {
    const licenses = el('p');
    root.replaceChildren(el('section', { class: 'panel', 'aria-labelledby': 'generic-heading' }, el('h2', { id: 'generic-heading' }, 'Device'), licenses), powerPanel(ctx));
    return (device) => {
      const inForce = device.state.licenses ?? [];
      licenses.textContent = inForce.length === 0 ? 'No licenses in force.'
        : `Licenses in force: ${inForce.map((l) => `${l.featureCode} ×${l.count}`).join(', ')}`;
    };
  },
  hasReboot: true,
};

async function main() {
  takeTokenFromAddress(TOKEN_KEYS.administrator);
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
  const hasPage = first.value.view !== null;
  // A family with pages of its own has its module (<family>.js) and its stylesheet (<family>.css).
  if (hasPage) document.head.append(Object.assign(document.createElement('link'), { rel: 'stylesheet', href: `${family}.css` }));
  const module = hasPage ? await import(`./${family}.js`) : genericPage;

  // Every family, below its own page: the device's state machine (machineView.js).
  const machineSection = el('section', { class: 'panel machine', 'aria-labelledby': 'machine-heading' },
    el('h2', { id: 'machine-heading' }, 'State machine'));
  $('device-page').after(machineSection);
  const updateMachine = mountMachineView(machineSection, { deviceId, get: api.get, errorText });

  let timer;
  let soon;
  const refresh = oneAtATime(async () => {
    clearTimeout(timer);
    const read = await api.device();
    if (read.ok) {
      $('load-error').textContent = '';
      showRunState(read.value.state.state);
      update(read.value);
    } else {
      $('load-error').textContent = errorText(read);
    }
    await updateMachine();
    // A refresh an action asked for may come while the timer's runs: keep one timer, not two.
    clearTimeout(timer);
    timer = setTimeout(refresh, REFRESH_MS);
  });
  /** The live feed may report a busy device many times a second: read it at most every LIVE_MS. */
  const refreshSoon = () => {
    soon ??= setTimeout(() => {
      soon = undefined;
      void refresh();
    }, LIVE_MS);
  };
  /**
   * Runs one of the device's actions from a control: the control (if any) is disabled while it
   * runs, the API's refusal goes into `error` or a success line (`describe(value)`) into `done`,
   * then the page refreshes. Every family's page acts through it.
   */
  const run = async (button, action, body, { error, done, describe } = {}) => {
    if (button) button.disabled = true;
    const result = await api.act(action, body);
    if (button) button.disabled = false;
    if (error) error.textContent = result.ok ? '' : errorText(result);
    if (done) done.textContent = result.ok && describe ? describe(result.value) : '';
    await refresh();
    return result;
  };
  const ctx = { deviceId, act: api.act, run, get: api.get, refresh, errorText };
  const update = module.mount($('device-page'), ctx);
  if (module.hasReboot !== true) $('device-page').append(powerPanel(ctx));
  showRunState(first.value.state.state);
  update(first.value);
  await updateMachine();
  timer = setTimeout(refresh, REFRESH_MS);
  connectLive({
    onSnapshot: () => void refresh(),
    onMessage: (message) => {
      if (message.type === 'change' && message.device?.deviceId === deviceId) refreshSoon();
    },
  });
}

main();
