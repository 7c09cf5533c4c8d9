/* global navigator */
// [PC-7] The managed audio devices: how many the account's Managed Device licenses take and how
// many are enrolled, the account's provisioning token an installer types into a device's page to
// enrol it (shown on request, with Copy), and every enrolled device with when it was last seen.
// The token and the list need the Device Admin role; anyone else sees the API's refusal.

import { el, errorText } from '/common/api.js';
import { instant } from './licensesSection.js';

export function devicesSection(ctx, api) {
  const usage = el('p', { id: 'cs-managed-usage' });
  const refusal = el('p', { class: 'error', role: 'alert' });
  const rows = el('tbody');
  const table = el('table', { 'aria-label': 'Managed devices' },
    el('thead', {}, el('tr', {}, ...['Hardware ID', 'Device kind', 'Serial number', 'Enrolled', 'Last seen'].map((h) => el('th', { scope: 'col' }, h)))), rows);
  const empty = el('p', {});

  const token = el('code', { class: 'token', id: 'cs-provisioning-token', hidden: true });
  const tokenError = el('p', { class: 'error', role: 'alert' });
  const tokenDone = el('p', { class: 'done', role: 'status' });
  const copy = el('button', { type: 'button', hidden: true, 'aria-label': 'Copy provisioning token' }, 'Copy');
  const show = el('button', { type: 'button' }, 'Show provisioning token');
  show.addEventListener('click', async () => {
    show.disabled = true;
    const read = await api.post('/provisioning-token');
    show.disabled = false;
    tokenError.textContent = read.ok ? '' : errorText(read);
    token.hidden = !read.ok;
    copy.hidden = !read.ok;
    token.textContent = read.ok ? read.value.provisioningToken : '';
    tokenDone.textContent = read.ok ? `Devices enrol with Account ID ${read.value.accountId} and this token.` : '';
  });
  copy.addEventListener('click', async () => {
    // The clipboard may be refused (no permission, not a secure context): then say so, the token stays shown.
    try {
      await navigator.clipboard.writeText(token.textContent);
      tokenDone.textContent = 'Copied the provisioning token.';
    } catch (error) {
      tokenDone.textContent = `The browser did not allow copying (${error.message}); select the token and copy it by hand.`;
    }
  });

  let lastRows = '';
  const element = el('section', { class: 'panel', 'aria-labelledby': 'cs-devices-heading' },
    el('h2', { id: 'cs-devices-heading' }, 'Managed devices'),
    usage,
    el('div', { role: 'group', 'aria-labelledby': 'cs-token-heading' },
      el('h3', { id: 'cs-token-heading' }, 'Provisioning token'),
      el('p', {}, 'An installer enters the Account ID and this token on an audio device to enrol it; each enrolled device counts against the Managed Device licenses.'),
      el('div', { class: 'inline' }, show, el('span', { 'aria-label': 'Provisioning token', role: 'note' }, token), copy),
      tokenError, tokenDone),
    refusal, table, empty);

  return {
    element,
    render({ summary, devices }) {
      const managed = summary.ok ? Object.entries(summary.value.summary.managedDevices) : [];
      usage.textContent = managed.map(([code, u]) => `Managed Device usage (${code}): ${u.used} of ${u.allowed} in use`).join('; ');
      refusal.textContent = devices.ok ? '' : errorText(devices);
      const list = devices.ok ? devices.value.devices : [];
      table.hidden = list.length === 0;
      empty.textContent = devices.ok && list.length === 0 ? 'No device is enrolled yet.' : '';
      const signature = JSON.stringify(list);
      if (signature === lastRows) return;
      lastRows = signature;
      rows.replaceChildren(...list.map((d) => el('tr', { 'aria-label': d.hardwareId },
        el('td', {}, d.hardwareId), el('td', {}, d.deviceKind), el('td', {}, d.serialNumber),
        el('td', {}, instant(d.enrolledAt)), el('td', {}, instant(d.lastSeenAt)))));
    },
  };
}
