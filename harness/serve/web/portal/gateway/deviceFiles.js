/* global atob, Blob, navigator */
// [GW-4, GW-6] The license files of one device: every license of the account bound to that
// hardware ID, as a signed LIC1 file that only that device accepts. An administrator copies one
// (or downloads it) and pastes it on the device's General / License page, "Add a license".
// Each request issues fresh files, so they are fetched when asked for, never on a refresh.

/** The license inside a `LIC1.<payload>.<signature>` file (protocol.md §6), or null. */
function payloadOf(file) {
  try {
    const base64 = file.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))));
  } catch {
    return null;
  }
}

export function deviceFiles(ctx, account) {
  const { el, errorText, get } = ctx;
  const hardwareBox = el('input', { id: 'gwp-files-hardware', type: 'text', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': 'gwp-files-error' });
  const error = el('p', { class: 'error', role: 'alert', id: 'gwp-files-error' });
  const done = el('p', { class: 'done', role: 'status' });
  const list = el('div');
  const showButton = el('button', { type: 'submit' }, 'Show license files');
  const form = el('form', {},
    el('label', { for: 'gwp-files-hardware' }, 'Hardware ID'),
    el('div', { class: 'inline' }, hardwareBox, showButton));

  function fileCard(file, i) {
    const license = payloadOf(file) ?? { licenseId: `file ${i + 1}`, featureCode: '?', count: '?' };
    const boxId = `gwp-file-${i}`;
    const box = el('textarea', { id: boxId, rows: 4, readonly: true, spellcheck: 'false' });
    box.value = file;
    const copied = el('p', { class: 'done', role: 'status' });
    const copyButton = el('button', { type: 'button', 'aria-label': `Copy the license file of ${license.licenseId}` }, 'Copy');
    copyButton.addEventListener('click', async () => {
      box.select();
      try {
        await navigator.clipboard.writeText(file);
        copied.textContent = `Copied the license file of ${license.licenseId}: paste it on the device\u2019s General / License page.`;
      } catch (failure) {
        copied.textContent = `The browser did not copy (${failure.message}); the file is selected in the box, copy it from there.`;
      }
    });
    const link = el('a', { href: URL.createObjectURL(new Blob([file], { type: 'text/plain' })), download: `${license.licenseId}.lic` },
      `Download ${license.licenseId}.lic`);
    return el('div', { class: 'license-file', role: 'group', 'aria-labelledby': `${boxId}-heading` },
      el('h3', { id: `${boxId}-heading` }, `${license.featureCode} \u00d7${license.count}, license ${license.licenseId}`),
      el('label', { for: boxId }, `License file of ${license.licenseId}`), box,
      el('div', { class: 'inline' }, copyButton, link),
      copied);
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const hardwareId = hardwareBox.value.trim();
    showButton.disabled = true;
    const read = await get(`/gateway${account}/devices/${encodeURIComponent(hardwareId)}/licenses`);
    showButton.disabled = false;
    for (const link of list.querySelectorAll('a[download]')) URL.revokeObjectURL(link.href);
    error.textContent = read.ok ? '' : errorText(read);
    done.textContent = !read.ok ? '' : read.value.files.length === 0
      ? `No licenses of this account are bound to hardware ID ${hardwareId}.`
      : `${read.value.files.length} license file(s) for hardware ID ${hardwareId}, signed for that device alone.`;
    list.replaceChildren(...(read.ok ? read.value.files.map(fileCard) : []));
  });

  return {
    section: el('section', { class: 'panel', 'aria-labelledby': 'gwp-files-heading' },
      el('h2', { id: 'gwp-files-heading' }, 'License files for a device'),
      el('p', {}, 'The files of this account\u2019s licenses bound to a hardware ID. Paste one on the device\u2019s General / License page '
        + '(Add a license), or let the device download its licenses itself (Download from portal); '
        + 'either way a license change takes effect after the device is reset.'),
      form, error, done, list),
  };
}
