// [CL-1, CL-3, CL-4, CL-5, CL-7] The Clariti product's Licenses page, after the vendor's
// licensing guide: Admin > Server > Licenses on a Clariti Core, Licenses on a Clariti Manager.
// Name (the host name unless one is entered), License mode, automatic refresh, the Access token
// (taken, never shown back), Update Configuration, Update License with the Last connection
// status, the License Product window with its Request Code (and, in restrictive mode, every
// field to copy by hand), the Install License window, and the entitlements in effect. Every
// control calls the device API.

import { copyText, utcTime } from '/common/pageParts.js';
import { el } from '/common/api.js';

const badge = (tone, text) => el('span', { class: `badge ${tone}` }, text);

/** A native dialog, modal when open, named by its heading. */
function dialog(id, title, ...children) {
  const close = el('button', { type: 'button' }, 'Close');
  const node = el('dialog', { id, 'aria-modal': 'true', 'aria-labelledby': `${id}-heading`, class: 'video-dialog' },
    el('h2', { id: `${id}-heading` }, title), ...children, el('div', { class: 'inline' }, close));
  close.addEventListener('click', () => node.close());
  return node;
}

export function mount(root, ctx) {
  const { run } = ctx;


  const where = el('p', { class: 'video-where' });
  const product = el('tbody');

  // The settings form: filled from the device, then left alone while the user edits it.
  const nameBox = el('input', { id: 'video-name', type: 'text', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': 'video-name-hint' });
  const nameHint = el('p', { id: 'video-name-hint', class: 'hint' });
  const modeRadio = (value, label) => el('label', { class: 'choice' },
    el('input', { type: 'radio', name: 'video-mode', value }), ` ${label}`);
  const standard = modeRadio('standard', 'Standard');
  const restrictive = modeRadio('restrictive', 'Restrictive');
  const modeInput = (value) => root.querySelector(`input[name="video-mode"][value="${value}"]`);
  const autoRefresh = el('input', { id: 'video-auto-refresh', type: 'checkbox' });
  const tokenBox = el('input', { id: 'video-token', type: 'password', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': 'video-token-state' });
  const tokenState = el('p', { id: 'video-token-state', class: 'hint' });
  const tokenError = el('p', { class: 'error', role: 'alert' });
  const tokenDone = el('p', { class: 'done', role: 'status' });
  const configError = el('p', { class: 'error', role: 'alert', id: 'video-config-error' });
  const configDone = el('p', { class: 'done', role: 'status' });

  let saved = null;
  /** What the form would change: only the fields that differ from what the device has. */
  function changes() {
    const change = {};
    if (saved === null) return change;
    const name = nameBox.value.trim();
    if (name !== saved.name) change.name = name;
    const mode = modeInput('restrictive').checked ? 'restrictive' : 'standard';
    if (mode !== saved.mode) change.mode = mode;
    if (autoRefresh.checked !== saved.autoRefresh) change.autoRefresh = autoRefresh.checked;
    if (tokenBox.value.trim() !== '') change.accessToken = tokenBox.value.trim();
    return change;
  }
  /** Update Configuration: saves the form; the token box is emptied once the token is taken. */
  async function saveForm(button, error, done, { always = false } = {}) {
    const change = changes();
    if (!always && Object.keys(change).length === 0) return { ok: true };
    const result = await run(button, 'configure', change, { error, done, describe: () => 'Configuration saved.' });
    if (result.ok) tokenBox.value = '';
    return result;
  }

  const configButton = el('button', { type: 'button', onclick: () => saveForm(configButton, configError, configDone, { always: true }) }, 'Update Configuration');
  const tokenButton = el('button', {
    type: 'button',
    onclick: async () => {
      const accessToken = tokenBox.value.trim();
      if (accessToken === '') {
        tokenError.textContent = 'Paste the access token from Poly Lens first.';
        return;
      }
      const result = await run(tokenButton, 'configure', { accessToken }, { error: tokenError, done: tokenDone, describe: () => 'Access token saved.' });
      if (result.ok) tokenBox.value = '';
    },
  }, 'Update');

  // [CL-3] Update License: saves what the form changed, then connects to Poly Lens.
  const connection = el('p', { role: 'status', 'aria-live': 'polite', id: 'video-connection' });
  const nextRefresh = el('p', { class: 'hint' });
  const updateError = el('p', { class: 'error', role: 'alert' });
  const updateDone = el('p', { class: 'done', role: 'status' });
  const updateButton = el('button', {
    type: 'button',
    onclick: async () => {
      const saving = await saveForm(updateButton, updateError, null);
      if (!saving.ok) return;
      await run(updateButton, 'update-license', {}, {
        error: updateError, done: updateDone,
        describe: (u) => `License updated from Poly Lens (product ${u.productId}): ${grantsText(u.grants)}.`,
      });
    },
  }, 'Update License');

  // [CL-4, CL-5] License Product: the Request Code, and in restrictive mode what to copy by hand.
  const windowRows = el('tbody');
  const copyStatus = el('p', { role: 'status', class: 'done' });
  const productError = el('p', { class: 'error', role: 'alert' });
  let shownCode = null;
  const copyButton = el('button', {
    type: 'button',
    onclick: async () => {
      copyStatus.textContent = await copyText(shownCode?.text ?? '', shownCode?.node ?? copyStatus);
    },
  }, 'Copy Request Code');
  const productWindow = dialog('video-license-product', 'License Product',
    el('p', {}, 'Copy these into Poly Lens: Manage > Licensing > Clariti > Purchased Products > Add New.'),
    el('table', { 'aria-label': 'License Product' }, windowRows), el('div', { class: 'inline' }, copyButton), copyStatus);
  const productButton = el('button', {
    type: 'button',
    onclick: async () => {
      const result = await run(productButton, 'license-product', {}, { error: productError });
      if (!result.ok) return;
      showWindow(result.value);
      copyStatus.textContent = '';
      productWindow.showModal();
    },
  }, 'License Product');

  function showWindow(win) {
    const fields = win.mode === 'standard' ? [['Request Code', win.requestCode]]
      : [['Name', win.name], ['Type', win.type], ['Version', win.version], ['Request Code', win.requestCode], ['Serial number', win.serial], ['Host name', win.hostName]];
    windowRows.replaceChildren(...fields.map(([label, value]) => {
      const node = el('code', { class: 'video-value' }, value);
      if (label === 'Request Code') shownCode = { text: value, node };
      return el('tr', {}, el('th', { scope: 'row' }, label), el('td', {}, node));
    }));
  }

  // [CL-7] Install License: paste the Response Code from Poly Lens.
  const responseBox = el('textarea', { id: 'video-response-code', rows: 4, spellcheck: 'false', placeholder: 'RSP1.…', 'aria-describedby': 'video-response-error' });
  const responseError = el('p', { class: 'error', role: 'alert', id: 'video-response-error' });
  const installDone = el('p', { class: 'done', role: 'status' });
  const processButton = el('button', {
    type: 'button',
    onclick: async () => {
      const result = await run(processButton, 'install-response', { responseCode: responseBox.value }, {
        error: responseError, done: installDone, describe: (view) => `License installed: ${entitlementsText(view.entitlements)}.`,
      });
      if (result.ok) {
        responseBox.value = '';
        installWindow.close();
      }
    },
  }, 'Process License Response Code');
  const installWindow = dialog('video-install-license', 'Install License',
    el('label', { for: 'video-response-code' }, 'Response Code'), responseBox,
    el('div', { class: 'inline' }, processButton), responseError);
  const installButton = el('button', {
    type: 'button',
    onclick: () => {
      responseError.textContent = '';
      installWindow.showModal();
    },
  }, 'Install License');

  // What the installed license grants, in effect at once; and the calls CLARITI-PORTS bounds.
  const entitlementRows = el('tbody');
  const entitlementTable = el('table', { 'aria-label': 'Entitlements in effect' },
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Entitlement'), el('th', { scope: 'col' }, 'Count'))), entitlementRows);
  const noEntitlements = el('p');
  const installedAt = el('p', { class: 'hint' });
  const callsBox = el('input', { id: 'video-calls', type: 'number', min: '0', step: '1', value: '0' });
  const callsError = el('p', { class: 'error', role: 'alert' });
  const callsNow = el('p');
  const callsButton = el('button', { type: 'button', onclick: () => run(callsButton, 'calls', { count: Number(callsBox.value) }, { error: callsError }) }, 'Set active calls');

  root.replaceChildren(
    el('section', { class: 'panel', 'aria-labelledby': 'video-heading' },
      el('h2', { id: 'video-heading' }, 'Licenses'), where,
      el('p', {}, 'Licensed through ', el('a', { href: '/portal/lens/' }, 'Poly Lens: Manage > Licensing > Clariti'), '.'),
      el('table', { 'aria-label': 'Product' }, product)),
    el('section', { class: 'panel', 'aria-labelledby': 'video-settings-heading' },
      el('h2', { id: 'video-settings-heading' }, 'License settings'),
      el('label', { for: 'video-name' }, 'Name'), nameBox, nameHint,
      el('fieldset', {}, el('legend', {}, 'License mode'), el('div', { class: 'inline' }, standard, restrictive)),
      el('label', { class: 'choice' }, autoRefresh, ' Enable automatic license refresh'),
      el('label', { for: 'video-token' }, 'Access token'),
      el('div', { class: 'inline' }, tokenBox, tokenButton), tokenState, tokenError, tokenDone,
      el('div', { class: 'inline' }, configButton), configError, configDone),
    el('section', { class: 'panel', 'aria-labelledby': 'video-connect-heading' },
      el('h2', { id: 'video-connect-heading' }, 'Connect to Poly Lens'),
      el('p', {}, 'Standard mode: the product sends its Request Code with the Access token and installs the license Poly Lens answers with.'),
      el('div', { class: 'inline' }, updateButton), updateError, updateDone,
      el('h3', {}, 'Last connection status'), connection, nextRefresh),
    el('section', { class: 'panel', 'aria-labelledby': 'video-offline-heading' },
      el('h2', { id: 'video-offline-heading' }, 'License without a connection'),
      el('p', {}, 'License Product shows the Request Code to take to Poly Lens; Install License takes the Response Code it gives back.'),
      el('div', { class: 'inline' }, productButton, installButton), productError, installDone),
    el('section', { class: 'panel', 'aria-labelledby': 'video-entitlements-heading' },
      el('h2', { id: 'video-entitlements-heading' }, 'Entitlements in effect'),
      entitlementTable, noEntitlements, installedAt,
      el('label', { for: 'video-calls' }, 'Active calls'),
      el('div', { class: 'inline' }, callsBox, callsButton), callsNow, callsError),
    productWindow, installWindow,
  );

  let lastProduct = '';
  let lastEntitlements = '';
  return function render(device) {
    const { state, view } = device;
    where.textContent = state.variant === 'manager' ? 'Clariti Manager: Licenses' : 'Clariti Core: Admin > Server > Licenses';
    const productSignature = JSON.stringify([state.type, state.version, state.serial, state.hardwareId, state.hostName]);
    if (productSignature !== lastProduct) {
      lastProduct = productSignature;
      product.replaceChildren(...[['Type', state.type], ['Version', state.version], ['Serial number', state.serial], ['Hardware ID', state.hardwareId], ['Host name', state.hostName]]
        .map(([label, value]) => el('tr', {}, el('th', { scope: 'row' }, label), el('td', {}, value))));
    }

    const page = view.licenses;
    for (const control of [nameBox, autoRefresh, tokenBox, configButton, tokenButton, updateButton, productButton, installButton, callsButton]) control.disabled = page === null;
    for (const radio of root.querySelectorAll('input[name="video-mode"]')) radio.disabled = page === null;
    if (page === null) {
      connection.replaceChildren('The Licenses page shows once the product is running.');
      return;
    }
    // The form follows the device only where the device's value changed, so typing is not undone.
    if (saved === null || saved.name !== page.name) nameBox.value = page.name;
    if (saved === null || saved.mode !== page.mode) modeInput(page.mode).checked = true;
    if (saved === null || saved.autoRefresh !== page.autoRefresh) autoRefresh.checked = page.autoRefresh;
    saved = page;
    nameHint.textContent = page.name === page.hostName ? `The host name (${page.hostName}), unless you enter another Name.` : `Empty it to go back to the host name (${page.hostName}).`;
    tokenState.replaceChildren(page.accessTokenSet ? badge('ok', 'Access token entered') : badge('off', 'No access token'),
      page.accessTokenSet ? ' (not shown; paste another to replace it)' : ' Paste one from Poly Lens > Access Tokens.');

    const status = page.lastConnectionStatus;
    connection.replaceChildren(status === null ? badge('off', 'Never connected')
      : el('span', {}, badge(status === 'SUCCESS' ? 'ok' : 'bad', status), ` at ${utcTime(page.lastConnectionAt)}`));
    nextRefresh.textContent = state.nextRefreshAt === null ? 'Automatic license refresh: off.' : `Automatic license refresh: next at ${utcTime(state.nextRefreshAt)}.`;

    const entries = Object.entries(page.entitlements);
    const signature = JSON.stringify(entries);
    if (signature !== lastEntitlements) {
      lastEntitlements = signature;
      entitlementRows.replaceChildren(...entries.map(([feature, count]) => el('tr', { 'aria-label': feature }, el('td', {}, feature), el('td', {}, String(count)))));
    }
    entitlementTable.hidden = entries.length === 0;
    noEntitlements.textContent = entries.length === 0 ? 'No license installed: no entitlements in effect.' : '';
    installedAt.textContent = state.installedAt === null ? '' : `License installed at ${utcTime(state.installedAt)}.`;
    callsNow.textContent = `${state.activeCalls} active call${state.activeCalls === 1 ? '' : 's'} of ${page.entitlements['CLARITI-PORTS'] ?? 0} CLARITI-PORTS licensed.`;
  };
}

function grantsText(grants) {
  return grants.length === 0 ? 'no entitlements assigned yet' : grants.map((g) => `${g.featureCode} ×${g.count}`).join(', ');
}

function entitlementsText(entitlements) {
  const entries = Object.entries(entitlements);
  return entries.length === 0 ? 'no entitlements' : entries.map(([f, c]) => `${f} ×${c}`).join(', ');
}
