// [PC-2 … PC-6] Administration > Licenses: the counts above the list, every license with every
// field of the vendor's table, Expiring Shortly rows in red (and saying so), Renew per license,
// and Activate New License: the License Activation Key, Continue, the agreement check box,
// Activate License. The page needs the License Admin role; anyone else sees the API's refusal.

import { el, errorText } from '/common/api.js';

const badge = (tone, text) => el('span', { class: `badge ${tone}` }, text);

/** The summary's counts, named as the vendor page names them. */
const COUNTS = [
  ['total', 'Total licenses'],
  ['active', 'Active'],
  ['expiringShortly', 'Expiring Shortly'],
  ['impending', 'Impending'],
  ['inactive', 'Inactive'],
];

const STATUS_TONE = { Active: 'ok', 'Expiring Shortly': 'bad', Impending: 'info', Inactive: 'off' };
const COLUMNS = ['License ID', 'Feature Code', 'Description', 'Type', 'Transaction Type', 'Start Time', 'End Time', 'Managed Devices', 'Status', 'Renew'];

/** A virtual instant (epoch ms) in UTC, to the minute. */
export function instant(ms) {
  return ms === null ? 'none' : `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function licensesSection(ctx, api) {
  const refusal = el('p', { class: 'error', role: 'alert', id: 'cs-licenses-error' });
  const counts = el('ul', { class: 'counts', 'aria-label': 'License summary' });
  const rows = el('tbody');
  const table = el('table', { 'aria-label': 'Licenses' },
    el('caption', {}, 'Licenses: rows in red are Expiring Shortly and wait for renewal'),
    el('thead', {}, el('tr', {}, ...COLUMNS.map((h) => el('th', { scope: 'col' }, h)))), rows);
  const empty = el('p', {});
  const done = el('p', { class: 'done', role: 'status', id: 'cs-licenses-done' });
  /** A row's refused Renew, kept across refreshes until the next action in that row. */
  const rowErrors = new Map();
  /** The renewal term picked per license, kept across redraws. */
  const terms = new Map();
  const activation = activateDialog(api, ctx, (text) => {
    done.textContent = text;
  });

  function statusCell(license, all) {
    const status = badge(STATUS_TONE[license.status] ?? 'info', license.status);
    if (license.red) return [status, ' Please renew your contract.'];
    if (license.renewedBy === null) return [status];
    // The Renewal is named by its own License ID, the key a user recognises, not its record ID.
    const renewal = all.find((l) => l.recordId === license.renewedBy);
    return [badge('warn', license.status), ` Renewed (by ${renewal?.licenseId ?? license.renewedBy})`];
  }

  function renewCell(license) {
    const error = el('p', { class: 'error', role: 'alert' }, rowErrors.get(license.recordId) ?? '');
    if (license.renewedBy !== null) return [el('span', {}, 'renewed'), error];
    // The term chosen survives the row being redrawn (a count elsewhere in it changed).
    const years = el('select', { 'aria-label': `Renewal term for ${license.licenseId}`, onchange: () => terms.set(license.recordId, years.value) },
      el('option', { value: '1' }, '1 year'), el('option', { value: '3' }, '3 years'));
    years.value = terms.get(license.recordId) ?? '1';
    const button = el('button', { type: 'button', 'aria-label': `Renew ${license.licenseId}` }, 'Renew');
    button.addEventListener('click', async () => {
      rowErrors.delete(license.recordId);
      button.disabled = true;
      const renewed = await api.post(`/licenses/${encodeURIComponent(license.recordId)}/renewals`, { years: Number(years.value) });
      button.disabled = false;
      if (renewed.ok) {
        const r = renewed.value.renewal;
        done.textContent = `Renewed ${license.licenseId}: Renewal ${r.licenseId} (${r.status}) from ${instant(r.startTime)} to ${instant(r.endTime)}.`;
      } else {
        rowErrors.set(license.recordId, errorText(renewed));
        lastRows = '';
      }
      await ctx.refresh();
    });
    return [el('span', { class: 'inline' }, years, button), error];
  }

  function licenseRow(license, _index, all) {
    return el('tr', { class: license.red ? 'expiring' : '', 'aria-label': `${license.licenseId} ${license.status}` },
      el('td', {}, license.licenseId, el('span', { class: 'record' }, `record ${license.recordId}`)),
      el('td', {}, license.featureCode),
      el('td', {}, license.description),
      el('td', {}, license.type),
      el('td', {}, license.transactionType),
      el('td', {}, instant(license.startTime)),
      el('td', {}, instant(license.endTime)),
      el('td', {}, `${license.usage.used} of ${license.usage.allowed}`),
      el('td', {}, ...statusCell(license, all)),
      el('td', {}, ...renewCell(license)));
  }

  let lastRows = '';
  const element = el('section', { class: 'panel', 'aria-labelledby': 'cs-licenses-heading' },
    el('h2', { id: 'cs-licenses-heading' }, 'Licenses'),
    refusal, counts,
    el('div', { class: 'inline' }, activation.opener),
    done, el('div', { class: 'table-scroll' }, table), empty, activation.dialog);

  return {
    element,
    render({ summary, licenses }) {
      const failed = !licenses.ok ? licenses : !summary.ok ? summary : null;
      refusal.textContent = failed === null ? '' : errorText(failed);
      counts.hidden = !summary.ok;
      table.hidden = !licenses.ok || licenses.value.licenses.length === 0;
      activation.opener.hidden = failed !== null;
      if (summary.ok) {
        const s = summary.value.summary;
        counts.replaceChildren(...COUNTS.map(([key, label]) => el('li', { 'aria-label': `${label}: ${s[key]}` },
          el('span', { class: 'count' }, String(s[key])), el('span', { class: 'label' }, label))));
      }
      empty.textContent = licenses.ok && licenses.value.licenses.length === 0 ? 'No licenses yet: Activate New License with the key of your license document.' : '';
      if (!licenses.ok) return;
      // Rows are rebuilt only when they change, so a refresh does not take the focus away.
      const signature = JSON.stringify([licenses.value.licenses, [...rowErrors]]);
      if (signature === lastRows) return;
      lastRows = signature;
      rows.replaceChildren(...licenses.value.licenses.map(licenseRow));
    },
  };
}

/**
 * [PC-5] Activate New License, as the vendor's steps go: enter the License Activation Key and
 * press Continue (the API checks the key's form first, and says so before any agreement), then
 * tick "I accept the terms in the License Agreement" and press Activate License. Without the
 * tick the API refuses AGREEMENT_NOT_ACCEPTED, shown in the dialog, and nothing is activated.
 */
function activateDialog(api, ctx, announce) {
  const keyBox = el('input', { id: 'cs-activation-key', type: 'text', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': 'cs-activation-error' });
  const agree = el('input', { id: 'cs-agreement', type: 'checkbox' });
  const error = el('p', { class: 'error', role: 'alert', id: 'cs-activation-error' });
  const continueButton = el('button', { type: 'button' }, 'Continue');
  const activateButton = el('button', { type: 'button' }, 'Activate License');
  const agreementStep = el('div', { role: 'group', 'aria-label': 'License Agreement', hidden: true },
    el('label', { for: 'cs-agreement', class: 'agreement' }, agree, 'I accept the terms in the License Agreement'),
    el('div', { class: 'inline' }, activateButton));
  const cancel = el('button', { type: 'button' }, 'Cancel');
  const dialog = el('dialog', { 'aria-modal': 'true', 'aria-labelledby': 'cs-activate-heading' },
    el('h3', { id: 'cs-activate-heading' }, 'Activate New License'),
    el('p', {}, 'The License Activation Key is the 17-character string at the top of your license document; one key may bundle several licenses.'),
    el('label', { for: 'cs-activation-key' }, 'License Activation Key'),
    el('div', { class: 'inline' }, keyBox, continueButton),
    agreementStep, error,
    el('div', { class: 'inline' }, cancel));
  const opener = el('button', { type: 'button' }, 'Activate New License');

  const reset = () => {
    keyBox.value = '';
    agree.checked = false;
    agreementStep.hidden = true;
    error.textContent = '';
  };
  opener.addEventListener('click', () => {
    reset();
    dialog.showModal();
    keyBox.focus();
  });
  cancel.addEventListener('click', () => dialog.close());
  keyBox.addEventListener('input', () => {
    agreementStep.hidden = true;
  });

  // Continue asks the API about the key alone: a well-formed key is then refused only for the agreement.
  continueButton.addEventListener('click', async () => {
    continueButton.disabled = true;
    const checked = await api.post('/activations', { activationKey: keyBox.value });
    continueButton.disabled = false;
    const keyAccepted = !checked.ok && checked.error === 'AGREEMENT_NOT_ACCEPTED';
    error.textContent = keyAccepted || checked.ok ? '' : errorText(checked);
    agreementStep.hidden = !keyAccepted;
    if (keyAccepted) agree.focus();
  });

  activateButton.addEventListener('click', async () => {
    activateButton.disabled = true;
    const activated = await api.post('/activations', { activationKey: keyBox.value, acceptAgreement: agree.checked });
    activateButton.disabled = false;
    if (!activated.ok) {
      error.textContent = errorText(activated);
      return;
    }
    const { activationKey, licenses, otherLicenses } = activated.value;
    const others = otherLicenses.length === 0 ? '' : ` and ${otherLicenses.length} license(s) of other products`;
    announce(`Activated ${activationKey}: ${licenses.map((l) => `${l.featureCode} ×${l.count} (${l.transactionType})`).join(', ') || 'no device-management license'}${others}.`);
    dialog.close();
    opener.focus();
    await ctx.refresh();
  });

  return { dialog, opener };
}
