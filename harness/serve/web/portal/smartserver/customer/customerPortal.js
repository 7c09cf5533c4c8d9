/* global document, window */
// [SS-2, SS-4, SS-8] The License Customer Portal: a customer's (or its partner's) view of the
// licenses held for one Customer ID — how many there are, how many wait in the cloud and how
// many are activated on a SmartServer (the counts `smartserver.portal.expect` checks), where
// each one is, and offline capacity activation for a server without internet: its install code
// and request code in, a response code out. Every control is one API request.

import { startPortal } from '/portal/portalShell.js';
import { copyButton, selectCell, day, statusBadge, syncRows, whereCell } from '/portal/smartserver/smartserverParts.js';

// Shown in the demo page beside its steps: the counts first, without the sign-in chrome.
document.documentElement.classList.toggle('embedded', window.top !== window);

/** The counts as `smartserver.portal.expect` computes them: in the cloud = bound to no server. */
function licenseCounts(licenses) {
  const inCloud = licenses.filter((l) => l.activatedOn === null).length;
  return { total: licenses.length, inCloud, activated: licenses.length - inCloud };
}

function mount(root, ctx) {
  const { el, errorText, get, post, refresh } = ctx;
  const customer = encodeURIComponent(ctx.accountId);
  let licenses = [];
  /** Licenses ticked for offline activation, kept across refreshes. */
  const selected = new Set();

  const count = (cls, words) => {
    const number = el('span', { class: 'count' }, '–');
    return { number, item: el('li', { class: cls }, number, ` ${words}`) };
  };
  const total = count('total', 'total');
  const inCloud = count('cloud', 'in the cloud');
  const activated = count('activated', 'activated on a SmartServer');
  const counts = el('ul', { class: 'counts', 'aria-label': 'License counts' }, total.item, inCloud.item, activated.item);

  const rows = el('tbody');
  const none = el('p', {}, '');
  const table = el('table', { 'aria-label': 'Licenses' },
    el('thead', {}, el('tr', {}, ...['Select', 'License ID', 'Description', 'Transfer Date', 'Where', 'Segment Controller', 'Status'].map((h) => el('th', { scope: 'col' }, h)))),
    rows);

  // [SS-8] Offline activation: the server's codes as typed from its screen.
  const installInput = el('input', { id: 'ss-install-code', autocomplete: 'off', spellcheck: 'false' });
  const requestInput = el('input', { id: 'ss-request-code', autocomplete: 'off', spellcheck: 'false', size: 30 });
  const chosen = el('p', { 'aria-live': 'polite' });
  const offlineButton = el('button', { type: 'submit' }, 'Get response code');
  const offlineError = el('p', { class: 'error', role: 'alert', id: 'ss-offline-error' });
  const response = el('div', { role: 'status', 'aria-live': 'polite' });
  const offlineForm = el('form', { 'aria-label': 'Offline activation', 'aria-describedby': 'ss-offline-error' },
    el('p', {}, 'For a SmartServer without internet: type its install code and request code, select device-capacity licenses above, and enter the response code on the server.'),
    el('label', { for: 'ss-install-code' }, 'Install Code'), installInput,
    el('label', { for: 'ss-request-code' }, 'Request Code'), requestInput,
    chosen, offlineButton, offlineError, response);
  offlineForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const licenseIds = licenses.map((l) => l.licenseId).filter((id) => selected.has(id));
    offlineButton.disabled = true;
    const result = await post(`/smartserver/customers/${customer}/offline-activations`, { installCode: installInput.value.trim(), requestCode: requestInput.value, licenseIds });
    offlineButton.disabled = false;
    offlineError.textContent = result.ok ? '' : errorText(result);
    if (result.ok) {
      const { responseCode } = result.value;
      const copied = el('p', { role: 'status', 'aria-live': 'polite' });
      response.replaceChildren(
        el('p', { class: 'done' }, `Response code for ${result.value.licenseIds.join(', ')}: enter it on the SmartServer with install code ${installInput.value.trim()}.`),
        el('label', { for: 'ss-response-code' }, 'Response Code'),
        el('textarea', { id: 'ss-response-code', readonly: true, rows: 4 }, responseCode),
        copyButton('Copy response code', () => responseCode, copied, 'the response code'), copied);
      selected.clear();
    } else {
      response.replaceChildren();
    }
    await refresh();
  });

  const listError = el('p', { class: 'error', role: 'alert' });
  root.append(
    el('section', { class: 'panel', 'aria-labelledby': 'ss-counts-heading' },
      el('h2', { id: 'ss-counts-heading' }, 'Licenses of this Customer ID'), counts, listError),
    el('section', { class: 'panel', 'aria-labelledby': 'ss-list-heading' },
      el('h2', { id: 'ss-list-heading' }, 'Licenses'), table, none),
    el('section', { class: 'panel', 'aria-labelledby': 'ss-offline-heading' },
      el('h2', { id: 'ss-offline-heading' }, 'Offline activation'), offlineForm));

  function drawSelection() {
    chosen.textContent = `${selected.size} licenses selected`;
  }

  function draw() {
    const shown = licenseCounts(licenses);
    total.number.textContent = String(shown.total);
    inCloud.number.textContent = String(shown.inCloud);
    activated.number.textContent = String(shown.activated);
    for (const id of selected) if (!licenses.some((l) => l.licenseId === id)) selected.delete(id);
    syncRows(rows, licenses, {
      key: (l) => l.licenseId,
      content: (l) => [l.description, l.transferDate, l.activatedOn, l.segmentController, l.status],
      build: (l) => el('tr', {},
        selectCell(l, selected, drawSelection),
        el('th', { scope: 'row', class: 'code' }, l.licenseId),
        el('td', {}, l.description),
        el('td', {}, day(l.transferDate)),
        whereCell(l),
        el('td', { class: 'code' }, l.segmentController ?? ''),
        el('td', {}, statusBadge(l.status))),
    });
    table.hidden = licenses.length === 0;
    none.textContent = licenses.length === 0 ? 'No licenses are held for this Customer ID yet: the partner assigns them on the License Partner Portal.' : '';
    drawSelection();
  }

  return async function update() {
    const listed = await get(`/smartserver/customers/${customer}/licenses`);
    listError.textContent = listed.ok ? '' : errorText(listed);
    if (listed.ok) licenses = listed.value.licenses;
    draw();
  };
}

await startPortal({ title: 'License Customer Portal', accountLabel: 'Customer ID', mount });
