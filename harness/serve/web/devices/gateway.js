// [GW-4, GW-5, GW-6, GW-9, GW-10] The gateway's General / License page, after the gateway
// vendor's licensing guide: installed licenses (and deleted ones still in force until a reset),
// add by pasting a license file, delete, download from and give back to the license portal, its
// one test license (GW-8), the
// pending-until-reset notice, the test-mode switch with its 8-hour countdown, reboot; then the
// Gateway and PBX license tabs, and the PBX users with their licenses and config templates (GW-7,
// gatewayPbx.js). Every control calls the device API.

import { el } from '/common/api.js';
import { configTemplates, pbxUsers } from './gatewayPbx.js';

const badge = (tone, text) => el('span', { class: `badge ${tone}` }, text);

const CHANGE = {
  none: ['ok', 'In force'],
  install: ['warn', 'Pending: in force after reset'],
  removal: ['bad', 'Deleted: in force until reset'],
};
const TERM = { active: 'ok', expired: 'bad' };

function day(ms) {
  return new Date(ms).toISOString().slice(0, 10);
}

/** 8 h as `7 h 59 min 58 s`: hours, minutes and seconds left. */
export function countdownText(ms) {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min ${String(s % 60).padStart(2, '0')} s`;
}

/** The page has its own Reboot (beside what needs one), so device.js adds none. */
export const hasReboot = true;

export function mount(root, ctx) {
  const { run, errorText } = ctx;
  /** Errors of a row's action, kept across refreshes until the next action on that row. */
  const rowErrors = new Map();


  const pending = el('p', { class: 'notice', role: 'status', 'aria-live': 'polite', id: 'gw-pending' });
  const hardware = el('span');
  const rebootError = el('p', { class: 'error', role: 'alert' });
  const rebootButton = el('button', { type: 'button', onclick: () => run(rebootButton, 'reboot', {}, { error: rebootError }) }, 'Reboot');

  const rows = el('tbody');
  const table = el('table', { 'aria-label': 'Installed licenses' },
    el('caption', {}, 'Installed licenses, and deleted ones still in force until the next reset'),
    el('thead', {}, el('tr', {}, ...['License', 'Feature', 'Count', 'Kind', 'Term', 'Change', 'Actions'].map((h) => el('th', { scope: 'col' }, h)))),
    rows);
  const empty = el('p', {}, 'No licenses installed.');

  const fileBox = el('textarea', { id: 'gw-license-file', rows: 4, spellcheck: 'false', placeholder: 'LIC1.…' });
  const addError = el('p', { class: 'error', role: 'alert', id: 'gw-license-file-error' });
  fileBox.setAttribute('aria-describedby', 'gw-license-file-error');
  const addDone = el('p', { class: 'done', role: 'status' });
  const addButton = el('button', {
    type: 'button',
    onclick: async () => {
      const added = await run(addButton, 'add-license', { fileText: fileBox.value }, {
        error: addError, done: addDone, describe: (row) => `Added ${row.licenseId} (${row.featureCode} ×${row.count}); it is in force after a reset.`,
      });
      if (added.ok) fileBox.value = '';
    },
  }, 'Add license');

  const portalError = el('p', { class: 'error', role: 'alert' });
  const portalDone = el('p', { class: 'done', role: 'status' });
  const list = (ids) => (ids.length === 0 ? 'none' : ids.join(', '));
  const downloadButton = el('button', {
    type: 'button',
    onclick: () => run(downloadButton, 'portal-download', {}, {
      error: portalError, done: portalDone,
      describe: (d) => [`Downloaded: installed ${list(d.installed)}; removed ${list(d.removed)}; unchanged ${list(d.unchanged)}.`,
        ...d.refused.map((r) => `Refused ${r.licenseId ?? 'a file'}: ${r.error.code}: ${r.error.message}`)].join(' '),
    }),
  }, 'Download from portal');
  const testLicenseButton = el('button', {
    type: 'button',
    onclick: () => run(testLicenseButton, 'portal-test-license', {}, {
      error: portalError, done: portalDone,
      describe: (row) => `Downloaded the test license ${row.licenseId} (${row.featureCode} ×${row.count}, until ${day(row.end)}); it is in force after a reset.`,
    }),
  }, 'Download test license');

  const testSwitch = el('button', { type: 'button', role: 'switch', 'aria-checked': 'false', id: 'gw-test-mode' }, 'Off');
  const testLabel = el('label', { for: 'gw-test-mode' }, 'Test mode');
  const countdown = el('p', { role: 'timer', 'aria-live': 'off', id: 'gw-test-countdown' });
  const testError = el('p', { class: 'error', role: 'alert' });
  testSwitch.addEventListener('click', () => run(testSwitch, 'test-mode', { on: testSwitch.getAttribute('aria-checked') !== 'true' }, { error: testError }));

  const tabs = licenseTabs();
  const users = pbxUsers(run, errorText);
  const templates = configTemplates(run);

  root.replaceChildren(
    el('section', { class: 'panel', 'aria-labelledby': 'gw-license-heading' },
      el('h2', { id: 'gw-license-heading' }, 'General / License'),
      el('p', {}, 'Hardware ID: ', hardware),
      pending,
      el('div', { class: 'inline' }, rebootButton, el('span', {}, 'Changes to the licenses take effect only after a reset.')),
      rebootError,
      table, empty,
      el('div', { role: 'group', 'aria-labelledby': 'gw-add-heading' },
        el('h3', { id: 'gw-add-heading' }, 'Add a license'),
        el('label', { for: 'gw-license-file' }, 'License file'),
        fileBox,
        el('div', { class: 'inline' }, addButton),
        addError, addDone),
      el('div', { role: 'group', 'aria-labelledby': 'gw-portal-heading' },
        el('h3', { id: 'gw-portal-heading' }, 'License portal'),
        el('p', {}, 'The device downloads the licenses the portal binds to its hardware ID, or gives licenses back (Invalidate in a row). '
          + 'Each device gets one test license, valid for three months.'),
        el('div', { class: 'inline' }, downloadButton, testLicenseButton),
        portalError, portalDone)),
    el('section', { class: 'panel', 'aria-labelledby': 'gw-test-heading' },
      el('h2', { id: 'gw-test-heading' }, 'Test mode'),
      el('p', {}, 'Fully licensed with no limits for up to 8 hours; then test mode turns itself off and the device reboots.'),
      el('div', { class: 'inline' }, testLabel, testSwitch),
      countdown, testError),
    tabs.section,
    users.section,
    templates.section,
  );

  function licenseRow(row) {
    const [tone, label] = CHANGE[row.pending] ?? ['info', row.pending];
    const error = el('p', { class: 'error', role: 'alert' }, rowErrors.get(row.licenseId) ?? '');
    const rowAction = (text, name, action, body) => {
      const button = el('button', { type: 'button', 'aria-label': `${name} ${row.licenseId}` }, text);
      button.addEventListener('click', async () => {
        rowErrors.delete(row.licenseId);
        const result = await run(button, action, body, {});
        if (!result.ok) {
          rowErrors.set(row.licenseId, errorText(result));
          render(lastDevice, true);
        }
      });
      return button;
    };
    const actions = row.pending === 'removal' ? [] : [
      rowAction('Delete', 'Delete', 'delete-license', { licenseId: row.licenseId }),
      ' ',
      rowAction('Invalidate', 'Invalidate at the portal', 'portal-invalidate', { licenseIds: [row.licenseId] }),
    ];
    return el('tr', { 'aria-label': row.licenseId },
      el('td', {}, row.licenseId),
      el('td', {}, row.featureCode),
      el('td', {}, String(row.count)),
      el('td', {}, row.kind),
      el('td', {}, badge(TERM[row.status] ?? 'info', row.status), ' ', row.end === null ? 'permanent' : `until ${day(row.end)}`),
      el('td', {}, badge(tone, label)),
      el('td', {}, ...actions, error));
  }

  let lastDevice;
  let lastRows = '';
  function render(device, force = false) {
    lastDevice = device;
    const { state, view, now } = device;
    hardware.textContent = state.hardwareId;

    const { install, removal } = state.pending;
    pending.textContent = state.pendingReset
      ? `Pending until reset: ${[install.length ? `${install.join(', ')} in force after a reboot` : '', removal.length ? `${removal.join(', ')} removed at the reboot` : ''].filter(Boolean).join('; ')}.`
      : '';

    // Rows are rebuilt only when they change, so a refresh does not take the focus away.
    const licenses = view.licenses;
    const signature = JSON.stringify([licenses, [...rowErrors]]);
    if (force || signature !== lastRows) {
      lastRows = signature;
      rows.replaceChildren(...(licenses ?? []).map(licenseRow));
    }
    empty.textContent = licenses === null ? 'The License page shows once the device is running.' : licenses.length === 0 ? 'No licenses installed.' : '';
    table.hidden = licenses === null || licenses.length === 0;

    const on = state.testMode.on;
    testSwitch.setAttribute('aria-checked', String(on));
    testSwitch.textContent = on ? 'On' : 'Off';
    countdown.replaceChildren(on && state.testMode.until !== null
      ? el('span', {}, badge('warn', 'Test mode on'), ` ${countdownText(state.testMode.until - now)} left, then the device reboots`)
      : badge('off', 'Test mode off'));

    tabs.render(view.diagnostics);
    users.render(view.users, view.diagnostics?.pbx ?? []);
    templates.render(view.templates, view.users, view.diagnostics?.pbx ?? []);
  }
  return render;
}

/** [GW-10] the Licenses tabs of Gateway / General and PBX / General: each type in force and how many are in use. */
function licenseTabs() {
  const names = [['gateway', 'Gateway licenses'], ['pbx', 'PBX licenses']];
  const bodies = {};
  const tabs = names.map(([key, label], i) => el('button', {
    type: 'button', role: 'tab', id: `gw-tab-${key}`, 'aria-controls': `gw-tabpanel-${key}`, 'aria-selected': String(i === 0),
  }, label));
  const panels = names.map(([key, label], i) => {
    bodies[key] = el('tbody');
    return el('div', { role: 'tabpanel', id: `gw-tabpanel-${key}`, 'aria-labelledby': `gw-tab-${key}`, hidden: i !== 0 },
      el('table', { 'aria-label': label },
        el('thead', {}, el('tr', {}, ...['License type', 'In force', 'In use'].map((h) => el('th', { scope: 'col' }, h)))), bodies[key]));
  });
  tabs.forEach((tab, i) => tab.addEventListener('click', () => {
    tabs.forEach((t, j) => t.setAttribute('aria-selected', String(i === j)));
    panels.forEach((p, j) => { p.hidden = i !== j; });
  }));
  const note = el('p');
  return {
    section: el('section', { class: 'panel tabs', 'aria-labelledby': 'gw-tabs-heading' },
      el('h2', { id: 'gw-tabs-heading' }, 'License tabs'), note, el('div', { role: 'tablist', 'aria-label': 'License tabs' }, ...tabs), ...panels),
    render(diagnostics) {
      note.textContent = diagnostics?.testMode ? 'Test mode is on: no limits, whatever the amounts in force say.' : '';
      for (const [key] of names) {
        const usage = diagnostics?.[key] ?? [];
        bodies[key].replaceChildren(...(usage.length === 0 ? [el('tr', {}, el('td', { colspan: 3 }, 'none'))]
          : usage.map((u) => el('tr', {}, el('td', {}, u.featureCode), el('td', {}, String(u.installed)), el('td', {}, String(u.inUse))))));
      }
    },
  };
}
