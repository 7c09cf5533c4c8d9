/* global navigator */
// What the License Partner Portal and the License Customer Portal share: how a license's place
// is worded, copy buttons for the codes a user carries to a SmartServer, and table rows rebuilt
// only when their content changes (so focus and a ticked box stay put).

import { el } from '/common/api.js';

export const day = (ms) => (ms === null || ms === undefined ? '' : new Date(ms).toISOString().slice(0, 10));

/** Where a license is, as the cloud knows it: in the cloud, or activated on a server (its install code). */
export function whereCell(license) {
  return license.activatedOn === null
    ? el('td', {}, el('span', { class: 'badge info' }, 'In the cloud'))
    : el('td', {}, el('span', { class: 'badge ok' }, 'Activated'), ' on install code ', el('span', { class: 'code' }, license.activatedOn));
}

/** A row's Select checkbox: ticks `license` in `selected` (kept across redraws) and calls `changed`. */
export function selectCell(license, selected, changed) {
  return el('td', {}, el('input', {
    type: 'checkbox', 'aria-label': `Select ${license.licenseId}`, checked: selected.has(license.licenseId),
    onchange: (event) => {
      if (event.target.checked) selected.add(license.licenseId);
      else selected.delete(license.licenseId);
      changed();
    },
  }));
}

/** The status words the API uses (Active, Expiring Shortly, …) with a colour. */
export function statusBadge(status) {
  const tone = status === 'Active' ? 'ok' : status === 'Expiring Shortly' ? 'warn' : status === 'Inactive' ? 'bad' : 'off';
  return el('span', { class: `badge ${tone}` }, status);
}

/**
 * A button that copies `text()` to the clipboard and says so in `said` (a role=status line,
 * naming `what` was copied), or says what to do when the browser refuses (an insecure origin,
 * no permission).
 */
export function copyButton(name, text, said, what = text()) {
  return el('button', {
    type: 'button',
    onclick: async () => {
      const value = text();
      try {
        await navigator.clipboard.writeText(value);
        said.textContent = `Copied ${what} to the clipboard`;
      } catch (error) {
        said.textContent = `The browser did not let the page copy (${error.message}); select the text and copy it by hand`;
      }
    },
  }, name);
}

/**
 * Brings `tbody` to one row per item: `key(item)` names a row, `content(item)` says when it must
 * be rebuilt, `build(item)` builds it. Rows whose content is unchanged are kept as they are.
 */
export function syncRows(tbody, items, { key, content, build }) {
  const old = new Map([...tbody.children].map((row) => [row.dataset.key, row]));
  const rows = items.map((item) => {
    const kept = old.get(key(item));
    const text = JSON.stringify(content(item));
    if (kept !== undefined && kept.dataset.content === text) return kept;
    const row = build(item);
    row.dataset.key = key(item);
    row.dataset.content = text;
    return row;
  });
  if (rows.length !== tbody.children.length || rows.some((row, i) => tbody.children[i] !== row)) tbody.replaceChildren(...rows);
}
