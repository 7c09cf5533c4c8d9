// [SS-1, SS-3 … SS-8] The SmartServer CMS, after its vendor's guide ("Activating Licenses Online
// Using the SmartServer CMS"): the Manage Licenses dialog with its installed licenses, its Manage
// Customer Accounts view (Customer ID with Save Changes / Discard Changes), its Download Licenses
// from Cloud view (select, ACTIVATE, a couple of minutes of progress) and Transfer to Cloud with
// its confirmation; offline activation (request code out, response code in); and the Devices
// widget (smartserverDevices.js). Every control calls the device API, which calls the
// firmware's own operations.
/* global document */

import { el } from '/common/api.js';
import { devicesWidget } from './smartserverDevices.js';

const badge = (tone, text) => el('span', { class: `badge ${tone}` }, text);

const TERM = { active: 'ok', expired: 'bad' };
const MAINTENANCE = { none: ['off', 'No maintenance'], active: ['ok', 'Maintenance active'], expired: ['bad', 'Maintenance expired'] };

const day = (ms) => new Date(ms).toISOString().slice(0, 10);
const minute = (ms) => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** 2 min as `1 min 59 s`: what is left of an activation, in virtual time. */
function timeLeftText(ms) {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}

/** Redraws `into` only when `key` differs from the last one, so focus and checkboxes stay put. */
function rowsOnChange() {
  let last = null;
  return (into, key, build) => {
    const signature = JSON.stringify(key);
    if (signature === last) return;
    last = signature;
    into.replaceChildren(...build());
  };
}

const table = (label, headers, body) => el('table', { 'aria-label': label },
  el('thead', {}, el('tr', {}, ...headers.map((h) => el('th', { scope: 'col' }, h)))), body);

export function mount(root, ctx) {
  const { run, errorText } = ctx;


  const identity = el('p');
  const oldFirmware = el('p', { class: 'notice', role: 'status' });
  const notRunning = el('p', {}, 'The SmartServer CMS shows once the server is running.');

  const licenses = manageLicenses(run, errorText);
  const offline = offlineActivation(run);
  const devices = devicesWidget(run, errorText);

  root.replaceChildren(
    el('section', { class: 'panel', 'aria-labelledby': 'ss-cms-heading' },
      el('h2', { id: 'ss-cms-heading' }, 'SmartServer CMS'),
      identity, oldFirmware, notRunning),
    licenses.section,
    offline.section,
    devices.section,
  );

  return function render(device) {
    const { state, view } = device;
    const running = state.state === 'running';
    identity.replaceChildren(`Segment controller ${state.deviceId} · install code `, el('code', {}, state.installCode),
      ` · firmware ${view.firmwareVersion}`);
    // [SS-1] before 3.3 there is no Manage Licenses dialog, and nothing needs a license.
    oldFirmware.textContent = running && !state.licensingRequired
      ? `Firmware ${view.firmwareVersion} has no license management (it is required from SmartServer 3.3 on): every field device can be provisioned without a license.`
      : '';
    notRunning.hidden = running;
    licenses.section.hidden = !running || !state.licensingRequired;
    offline.section.hidden = !running || !state.licensingRequired;
    devices.section.hidden = !running;
    if (!running) return;
    licenses.render(device);
    devices.render(state, view.fieldDevices ?? []);
  };
}

/**
 * The Manage Licenses dialog: its installed licenses, and the buttons that open its Manage
 * Customer Accounts and Download Licenses from Cloud views (each with BACK) and Transfer to Cloud.
 */
function manageLicenses(run, errorText) {
  let last;
  const views = {};
  /** Opens one of the dialog's views; the focus follows, since the button pressed has just been hidden. */
  const show = (name) => {
    for (const [key, view] of Object.entries(views)) view.hidden = key !== name;
    if (last) render(last);
    (name === 'licenses' ? accountsButton : views[name].querySelector('h3')).focus();
  };
  const back = () => el('button', { type: 'button', class: 'back', onclick: () => show('licenses') }, 'BACK');

  // --- the dialog's own view: installed licenses and its three buttons
  const toolbarError = el('p', { class: 'error', role: 'alert' });
  const toolbarDone = el('p', { class: 'done', role: 'status' });
  const accountsButton = el('button', { type: 'button', onclick: () => show('accounts') }, 'Manage Customer Accounts');
  const downloadButton = el('button', {
    type: 'button',
    onclick: async () => {
      toolbarDone.textContent = '';
      const downloaded = await run(downloadButton, 'cloud-download', {}, { error: toolbarError });
      if (downloaded.ok) show('download');
    },
  }, 'Download Licenses from the Cloud');
  const transfer = transferDialog(run, { error: toolbarError, done: toolbarDone });
  const transferButton = el('button', { type: 'button', onclick: () => transfer.open(last) }, 'Transfer to Cloud');
  const body = el('div', { id: 'ss-manage-licenses' });
  const openButton = el('button', { type: 'button', 'aria-controls': 'ss-manage-licenses', hidden: true }, 'Open Manage Licenses');
  const closeButton = el('button', { type: 'button', 'aria-controls': 'ss-manage-licenses' }, 'CLOSE');
  const openDialog = (open) => {
    body.hidden = !open;
    openButton.hidden = open;
    (open ? closeButton : openButton).focus();
  };
  openButton.addEventListener('click', () => openDialog(true));
  closeButton.addEventListener('click', () => openDialog(false));

  const summary = el('p');
  const installedRows = el('tbody');
  const installed = table('Installed licenses', ['License ID', 'Description', 'Status', 'Expires', 'Source', 'Activated'], installedRows);
  const noLicenses = el('p', {}, 'No licenses installed.');
  const drawInstalled = rowsOnChange();
  views.licenses = el('div', {},
    el('div', { class: 'inline toolbar', role: 'group', 'aria-label': 'License management' }, accountsButton, downloadButton, transferButton, closeButton),
    toolbarError, toolbarDone,
    summary, installed, noLicenses);

  // --- Manage Customer Accounts
  const accounts = customerAccounts(run);
  views.accounts = el('div', { role: 'group', 'aria-labelledby': 'ss-accounts-heading', hidden: true },
    el('h3', { id: 'ss-accounts-heading', tabindex: -1 }, 'Manage Customer Accounts'),
    accounts.element,
    el('div', { class: 'inline' }, back()));

  // --- Download Licenses from Cloud
  const selected = new Set();
  const listRows = el('tbody');
  const list = table('Licenses in the cloud', ['Select', 'Segment Controller', 'License ID', 'Transfer Date', 'Description'], listRows);
  const listEmpty = el('p');
  const drawList = rowsOnChange();
  const activateError = el('p', { class: 'error', role: 'alert' });
  const activateButton = el('button', {
    type: 'button',
    class: 'primary',
    onclick: async () => {
      const started = await run(activateButton, 'cloud-activate', { licenseIds: [...selected] }, { error: activateError });
      if (started.ok) selected.clear();
    },
  }, 'ACTIVATE');
  views.download = el('div', { role: 'group', 'aria-labelledby': 'ss-download-heading', hidden: true },
    el('h3', { id: 'ss-download-heading', tabindex: -1 }, 'Download Licenses from Cloud'),
    el('p', {}, 'Select the licenses to activate on this SmartServer, then ACTIVATE; it takes a couple of minutes.'),
    list, listEmpty,
    el('div', { class: 'inline' }, activateButton, back()),
    activateError);

  // --- the activation under way, and how the last one ended: shown in every view
  const progress = el('progress', { max: 100, value: 0, 'aria-label': 'Activation progress', id: 'ss-activation-progress' });
  const progressText = el('p', { role: 'status', 'aria-live': 'polite' });
  const underWay = el('div', { class: 'activation', hidden: true }, el('label', { for: 'ss-activation-progress' }, 'Activating licenses'), progress, progressText);
  const outcome = el('p', { class: 'done', role: 'status' });
  const outcomeError = el('p', { class: 'error', role: 'alert' });

  const section = el('section', { class: 'panel', 'aria-labelledby': 'ss-licenses-heading' },
    el('h2', { id: 'ss-licenses-heading' }, 'Manage Licenses'),
    openButton,
    body);
  body.append(underWay, outcome, outcomeError, views.licenses, views.accounts, views.download, transfer.dialog);

  function licenseRow(l) {
    return el('tr', { 'aria-label': l.licenseId },
      el('td', {}, l.licenseId),
      el('td', {}, l.description),
      el('td', {}, badge(TERM[l.status] ?? 'info', l.status === 'active' ? 'Active' : 'Expired')),
      el('td', {}, l.end === null ? 'no end' : day(l.end)),
      el('td', {}, l.source === 'offline' ? 'Offline' : 'Online'),
      el('td', {}, minute(l.activatedAt)));
  }

  function cloudRow(row, busy, activating) {
    // While an activation runs, the rows it takes stay checked and none can be changed.
    const checked = busy ? activating.includes(row.licenseId) : selected.has(row.licenseId);
    const box = el('input', { type: 'checkbox', 'aria-label': `Select ${row.licenseId}`, checked, disabled: busy });
    box.addEventListener('change', () => {
      if (box.checked) selected.add(row.licenseId);
      else selected.delete(row.licenseId);
    });
    return el('tr', { 'aria-label': row.licenseId },
      el('td', {}, box),
      el('td', {}, row.segmentController ?? ''),
      el('td', {}, row.licenseId),
      el('td', {}, day(row.transferDate)),
      el('td', {}, row.description));
  }

  function render(device) {
    last = device;
    const { state, view, now } = device;
    accounts.render(view.account);

    // [SS-7] what the licenses add up to: the capacity that bounds provisioning, and maintenance.
    const [tone, word] = MAINTENANCE[state.maintenance.status] ?? ['info', state.maintenance.status];
    summary.replaceChildren(`Device capacity in force: ${state.capacity} field devices · `, badge(tone, word),
      state.maintenance.until === null ? '' : ` until ${day(state.maintenance.until)}`);
    const rows = view.licenses ?? [];
    drawInstalled(installedRows, rows, () => rows.map(licenseRow));
    installed.hidden = rows.length === 0;
    noLicenses.hidden = rows.length > 0;

    // [SS-4] the download view; a refused download keeps the view as it was.
    const cloud = view.downloadList ?? [];
    for (const id of selected) if (!cloud.some((r) => r.licenseId === id)) selected.delete(id);
    const busy = state.activation.state !== 'idle';
    const activating = state.activation.licenseIds;
    drawList(listRows, [cloud, busy, activating], () => cloud.map((r) => cloudRow(r, busy, activating)));
    list.hidden = cloud.length === 0;
    listEmpty.textContent = view.downloadList === null ? 'Not downloaded since the server started: go BACK and press Download Licenses from the Cloud.'
      : cloud.length === 0 ? `No licenses in the cloud for Customer ID ${view.account?.customerId ?? '(none)'}.` : '';

    // [SS-5] the activation's minutes, in the service's virtual time.
    const { activation } = state;
    underWay.hidden = !busy;
    if (activation.state === 'activating' && activation.completesAt !== null) {
      const total = view.activationTimeMs;
      const left = Math.max(0, activation.completesAt - now);
      const percent = Math.round(100 * Math.min(1, (total - left) / total));
      progress.value = percent;
      progress.setAttribute('aria-valuetext', `${percent}%, ${timeLeftText(left)} left`);
      progressText.textContent = `Activating ${activation.licenseIds.join(', ')}: ${timeLeftText(left)} left (${percent}%).`;
    } else if (activation.state === 'claiming') {
      progress.removeAttribute('value');
      progressText.textContent = 'Waiting for the cloud to bind the selected licenses to this SmartServer…';
    } else if (activation.state === 'transferring') {
      progress.removeAttribute('value');
      progressText.textContent = 'Transferring the licenses to the cloud…';
    }
    const done = activation.last;
    outcome.textContent = !busy && done !== null && done.error === null
      ? `Activated ${done.licenseIds.join(', ')} at ${minute(done.at)}; they now appear under Manage Licenses.` : '';
    outcomeError.textContent = !busy && done !== null && done.error !== null
      ? `Activating ${done.licenseIds.join(', ')} failed: ${errorText({ error: done.error.code, message: done.error.message })}` : '';
  }
  return { section, render };
}

/**
 * [SS-3] Manage Customer Accounts: Segment Controller and Install Code read-only; the Customer
 * ID is typed into the firmware as it is typed (its unsaved edit), and Save Changes and Discard
 * Changes appear once there is one.
 */
function customerAccounts(run) {
  const box = el('input', { id: 'ss-customer-id', type: 'text', autocomplete: 'off', spellcheck: 'false', size: 38, 'aria-describedby': 'ss-customer-id-error' });
  const error = el('p', { class: 'error', role: 'alert', id: 'ss-customer-id-error' });
  const done = el('p', { class: 'done', role: 'status' });
  const segment = el('td');
  const installCode = el('td');
  /** Edits reach the firmware in the order typed, and Save or Discard only after the last of them. */
  let queue = Promise.resolve();
  let pending = 0;
  const enqueue = (task) => {
    pending++;
    queue = queue.then(task).finally(() => { pending--; });
    return queue;
  };
  box.addEventListener('input', () => {
    const text = box.value;
    done.textContent = '';
    enqueue(() => run(null, 'customer-id-edit', { text }, { error }));
  });
  const saveButton = el('button', {
    type: 'button', hidden: true,
    onclick: () => enqueue(async () => {
      const saved = await run(saveButton, 'customer-id-save', {}, { error, done, describe: (v) => `Saved Customer ID ${v.customerId}.` });
      if (saved.ok) box.value = saved.value.customerId ?? '';
    }),
  }, 'Save Changes');
  const discardButton = el('button', {
    type: 'button', hidden: true,
    onclick: () => enqueue(async () => {
      const discarded = await run(discardButton, 'customer-id-discard', {}, { error, done, describe: () => 'Changes discarded.' });
      if (discarded.ok) box.value = discarded.value.customerId ?? '';
    }),
  }, 'Discard Changes');

  const element = el('div', {},
    el('table', { 'aria-label': 'Customer accounts' },
      el('thead', {}, el('tr', {}, ...['Segment Controller', 'Install Code', 'Customer ID', 'Changes'].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, el('tr', {}, segment, installCode,
        el('td', {}, el('label', { for: 'ss-customer-id', class: 'visually-hidden' }, 'Customer ID'), box),
        el('td', {}, el('span', { class: 'inline' }, saveButton, discardButton))))),
    el('p', {}, 'The Customer ID (such as 2133c667-af41-4518-94df-a2bb3b775330) is assigned at the License Partner Portal.'),
    error, done);

  return {
    element,
    render(account) {
      if (account === null) return;
      segment.textContent = account.segmentController;
      installCode.textContent = account.installCode;
      // Save Changes and Discard Changes show while there is an unsaved Customer ID.
      saveButton.hidden = account.edited === null;
      discardButton.hidden = account.edited === null;
      // What the user is typing wins over what the server last said.
      if (document.activeElement !== box && pending === 0) box.value = account.edited ?? account.customerId ?? '';
    },
  };
}

/** [SS-6] Transfer to Cloud's confirmation: every installed license goes back to the cloud. */
function transferDialog(run, { error, done }) {
  const what = el('ul');
  const cancel = el('button', { type: 'button', onclick: () => dialog.close() }, 'Cancel');
  const confirm = el('button', {
    type: 'button', class: 'primary',
    onclick: async () => {
      const moved = await run(confirm, 'cloud-transfer', { confirm: true }, {
        error, done, describe: (v) => `Transferred ${v.transferred.join(', ')} to the cloud on ${day(v.transferDate)}; every field device is unlicensed until a new license is activated and it is provisioned again.`,
      });
      dialog.close();
      return moved;
    },
  }, 'TRANSFER LICENSES');
  const dialog = el('dialog', { 'aria-modal': 'true', 'aria-labelledby': 'ss-transfer-heading', 'aria-describedby': 'ss-transfer-text' },
    el('h3', { id: 'ss-transfer-heading' }, 'Transfer to Cloud'),
    el('p', { id: 'ss-transfer-text' }, 'All device capacity and maintenance licenses that appear in the list are transferred to the cloud. '
      + 'LON, BACnet and Modbus devices then appear unlicensed (purple) until a new license is activated and they are provisioned again.'),
    what,
    el('div', { class: 'inline' }, cancel, confirm));
  return {
    dialog,
    open(device) {
      const rows = device?.view.licenses ?? [];
      what.replaceChildren(...(rows.length === 0 ? [el('li', {}, 'No license is installed on this SmartServer.')]
        : rows.map((l) => el('li', {}, `${l.licenseId}: ${l.description}`))));
      error.textContent = '';
      done.textContent = '';
      dialog.showModal();
    },
  };
}

/** [SS-8] Offline capacity activation: the request code out, the License Customer Portal's response code in. */
function offlineActivation(run) {
  const code = el('output', { id: 'ss-request-code', 'aria-live': 'polite' });
  const requestError = el('p', { class: 'error', role: 'alert' });
  const requestButton = el('button', {
    type: 'button',
    onclick: async () => {
      const made = await run(requestButton, 'offline-request-code', {}, { error: requestError });
      code.textContent = made.ok ? made.value.requestCode : '';
    },
  }, 'Generate request code');
  const box = el('textarea', { id: 'ss-response-code', rows: 3, spellcheck: 'false', 'aria-describedby': 'ss-response-code-error' });
  const responseError = el('p', { class: 'error', role: 'alert', id: 'ss-response-code-error' });
  const responseDone = el('p', { class: 'done', role: 'status' });
  const installButton = el('button', {
    type: 'button',
    onclick: async () => {
      const installed = await run(installButton, 'offline-response-code', { responseCode: box.value.trim() }, {
        error: responseError, done: responseDone, describe: (v) => (v.installed.length === 0 ? 'Nothing new to install.' : `Installed ${v.installed.join(', ')}.`),
      });
      if (installed.ok) box.value = '';
    },
  }, 'Install response code');
  return {
    section: el('section', { class: 'panel', 'aria-labelledby': 'ss-offline-heading' },
      el('h2', { id: 'ss-offline-heading' }, 'Offline activation'),
      el('p', {}, 'For a SmartServer without internet: type the request code into the License Customer Portal elsewhere, with the install code; '
        + 'bring back its response code. Device capacity licenses only.'),
      el('div', { role: 'group', 'aria-label': 'Out: the request code' },
        el('div', { class: 'inline' }, requestButton, el('label', { for: 'ss-request-code' }, 'Request code'), code),
        requestError),
      el('div', { role: 'group', 'aria-label': 'In: the response code' },
        el('label', { for: 'ss-response-code' }, 'Response code'),
        box,
        el('div', { class: 'inline' }, installButton),
        responseError, responseDone)),
  };
}
