// [GW-2, GW-3] The account's licenses: feature, count, the hardware ID each is bound to (or not
// yet), its status and term; Bind for an unbound one, Move for a bound one.

const STATUS_TONE = { Active: 'ok', 'Expiring Shortly': 'warn', Impending: 'info', Inactive: 'bad' };
const day = (ms) => new Date(ms).toISOString().slice(0, 10);

export function licenseTable(ctx, account, { onMove, after = [] }) {
  const { el, errorText, get, post } = ctx;
  const badge = (tone, text) => el('span', { class: `badge ${tone}` }, text);
  /** A row's refusal, and what was typed in its box, kept until the next action on that row. */
  const rowErrors = new Map();
  const typed = new Map();
  /** License ID → the row drawn for it and what it showed, so an unchanged row keeps its focus. */
  const drawn = new Map();

  const body = el('tbody');
  const table = el('table', { 'aria-label': 'Licenses' },
    el('caption', {}, 'The account\u2019s licenses; each works on the one device whose hardware ID it is bound to'),
    el('thead', {}, el('tr', {}, ...['License', 'Feature', 'Count', 'Hardware ID', 'Status', 'Actions'].map((h) => el('th', { scope: 'col' }, h)))),
    body);
  const empty = el('p', {}, 'No licenses yet: activate an activation key.');
  const loadError = el('p', { class: 'error', role: 'alert' });

  async function bind(license, box, button) {
    button.disabled = true;
    rowErrors.delete(license.id);
    const bound = await post(`/gateway${account}/licenses/${encodeURIComponent(license.id)}/bind`, { hardwareId: box.value.trim() });
    button.disabled = false;
    if (bound.ok) typed.delete(license.id);
    else rowErrors.set(license.id, errorText(bound));
    await ctx.refresh();
  }

  function licenseRow(license) {
    const actions = [];
    if (license.hardwareId === null) {
      const box = el('input', { type: 'text', autocomplete: 'off', spellcheck: 'false', 'aria-label': `Hardware ID for ${license.id}`, value: typed.get(license.id) ?? '' });
      box.addEventListener('input', () => typed.set(license.id, box.value));
      const button = el('button', { type: 'button', 'aria-label': `Bind ${license.id}` }, 'Bind');
      button.addEventListener('click', () => bind(license, box, button));
      box.addEventListener('keydown', (event) => event.key === 'Enter' && bind(license, box, button));
      actions.push(el('span', { class: 'inline' }, box, button));
    } else if (license.kind !== 'test') {
      const button = el('button', { type: 'button', 'aria-label': `Move ${license.id}` }, 'Move');
      button.addEventListener('click', () => onMove(license, button));
      actions.push(button);
    }
    return el('tr', { 'aria-label': license.id },
      el('td', { class: 'file-name' }, license.id),
      el('td', {}, license.featureCode),
      el('td', {}, String(license.count)),
      el('td', {}, ...(license.hardwareId === null ? [badge('off', 'Not bound')] : [badge('ok', 'Bound'), ' ', el('span', { class: 'file-name' }, license.hardwareId)])),
      el('td', {}, badge(STATUS_TONE[license.status] ?? 'info', license.status), ' ', license.end === null ? 'permanent' : `until ${day(license.end)}`),
      el('td', {}, ...actions, el('p', { class: 'error', role: 'alert' }, rowErrors.get(license.id) ?? '')));
  }

  function render(licenses) {
    const before = [...drawn.keys()].join('\n');
    const rows = licenses.map((license) => {
      const signature = JSON.stringify([license, rowErrors.get(license.id) ?? '']);
      const old = drawn.get(license.id);
      if (old !== undefined && old.signature === signature) return old.node;
      const node = licenseRow(license);
      if (old !== undefined) old.node.replaceWith(node);
      drawn.set(license.id, { signature, node });
      return node;
    });
    for (const id of drawn.keys()) if (!licenses.some((l) => l.id === id)) drawn.delete(id);
    // Only a new or vanished row rebuilds the body; a changed one was swapped in its place above.
    if ([...drawn.keys()].join('\n') !== before || body.childElementCount !== rows.length) body.replaceChildren(...rows);
    table.hidden = licenses.length === 0;
    empty.hidden = licenses.length !== 0;
  }

  return {
    section: el('section', { class: 'panel', 'aria-labelledby': 'gwp-licenses-heading' },
      el('h2', { id: 'gwp-licenses-heading' }, 'Licenses'),
      el('p', {}, 'A license is bound to one device\u2019s hardware ID and cannot be installed on another device. '
        + 'Type the hardware ID shown on the device\u2019s General / License page and bind the license to it; '
        + 'if the device is defective or must be replaced, move the license to another device.'),
      loadError, table, empty, ...after),
    async update() {
      const read = await get(`${account}/licenses`);
      loadError.textContent = read.ok ? '' : errorText(read);
      if (read.ok) render(read.value.licenses);
    },
  };
}
