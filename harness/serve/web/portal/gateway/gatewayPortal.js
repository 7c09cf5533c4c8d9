// [GW-1, GW-2, GW-3, GW-4] The gateway vendor's license portal, after its licensing guide:
// activate the licenses of an order with its activation key; see the account's licenses, each
// bound to one device's Hardware-ID or not yet; bind one to a hardware ID; move one to another
// device when its own is defective or replaced (the old device's copy stops being valid); and
// the license files of a device, to paste on its General / License page. Every control is one
// request to the license server's API (docs/portals.md); refusals show beside it in its words.

import { startPortal } from '/portal/portalShell.js';
import { deviceFiles } from './deviceFiles.js';
import { licenseTable } from './licenseTable.js';
import { moveDialog } from './moveDialog.js';

function mount(root, ctx) {
  const { el, errorText, post, accountId } = ctx;
  const account = `/accounts/${encodeURIComponent(accountId)}`;

  const keyBox = el('input', { id: 'gwp-activation-key', type: 'text', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': 'gwp-activation-error' });
  const keyError = el('p', { class: 'error', role: 'alert', id: 'gwp-activation-error' });
  const keyDone = el('p', { class: 'done', role: 'status' });
  const activateButton = el('button', { type: 'submit' }, 'Activate');
  const activateForm = el('form', {},
    el('label', { for: 'gwp-activation-key' }, 'Activation key'),
    el('div', { class: 'inline' }, keyBox, activateButton));
  activateForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    activateButton.disabled = true;
    const activated = await post(`${account}/activations`, { activationKey: keyBox.value.trim() });
    activateButton.disabled = false;
    keyError.textContent = activated.ok ? '' : errorText(activated);
    keyDone.textContent = activated.ok
      ? `Activated ${activated.value.licenses.length} license(s): ${activated.value.licenses.map((l) => `${l.featureCode} \u00d7${l.count}`).join(', ')}. Bind each to the hardware ID of the device that is to use it.`
      : '';
    if (activated.ok) keyBox.value = '';
    await ctx.refresh();
  });

  const move = moveDialog(ctx, account);
  const licenses = licenseTable(ctx, account, { onMove: move.open, after: [move.done] });
  const files = deviceFiles(ctx, account);

  root.replaceChildren(
    el('section', { class: 'panel', 'aria-labelledby': 'gwp-activate-heading' },
      el('h2', { id: 'gwp-activate-heading' }, 'Activate licenses'),
      el('p', {}, 'Ordering licenses gives an activation key. Enter it here to activate the ordered licenses in this account.'),
      activateForm, keyError, keyDone),
    licenses.section,
    files.section,
    el('section', { class: 'panel', 'aria-labelledby': 'gwp-test-heading' },
      el('h2', { id: 'gwp-test-heading' }, 'Test licenses'),
      el('p', {}, 'A test license lets a device run a full PBX for three months from its first download; then it stops working, '
        + 'and that device never gets another. A device asks for its one test license itself, proving who it is with its '
        + 'device certificate: Download test license on its General / License page.')),
    move.dialog,
  );
  return licenses.update;
}

startPortal({ title: 'Gateway license portal', mount });
