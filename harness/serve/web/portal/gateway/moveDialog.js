// [GW-3] Move: a license of a defective or replaced device goes to another one. The portal binds
// it to the new hardware ID and revokes the files issued to the old device, whose copy stops
// being valid when it next reaches the portal.

export function moveDialog(ctx, account) {
  const { el, errorText, post } = ctx;
  const heading = el('h2', { id: 'gwp-move-heading' });
  const from = el('p');
  const target = el('input', { id: 'gwp-move-to', type: 'text', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': 'gwp-move-error' });
  const reason = el('input', { id: 'gwp-move-reason', type: 'text', autocomplete: 'off', placeholder: 'device defective' });
  const error = el('p', { class: 'error', role: 'alert', id: 'gwp-move-error' });
  const done = el('p', { class: 'done', role: 'status', id: 'gwp-move-done' });
  const submit = el('button', { type: 'submit' }, 'Move license');
  const cancel = el('button', { type: 'button' }, 'Cancel');
  const form = el('form', { method: 'dialog' },
    from,
    el('label', { for: 'gwp-move-to' }, 'New hardware ID'), target,
    el('label', { for: 'gwp-move-reason' }, 'Reason'), reason,
    el('p', { class: 'hint' }, 'Why the license leaves its device, for the portal\u2019s log: the device is defective, or it is replaced.'),
    el('div', { class: 'inline' }, submit, cancel),
    error);
  const dialog = el('dialog', { 'aria-modal': 'true', 'aria-labelledby': 'gwp-move-heading' }, heading, form);

  let license = null;
  let opener = null;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    submit.disabled = true;
    const body = { toHardwareId: target.value.trim() };
    if (reason.value.trim() !== '') body.reason = reason.value.trim();
    const moved = await post(`/gateway${account}/licenses/${encodeURIComponent(license.id)}/move`, body);
    submit.disabled = false;
    if (!moved.ok) {
      error.textContent = errorText(moved);
      return;
    }
    dialog.close();
    done.textContent = `Moved ${license.id} (${license.featureCode} \u00d7${license.count}) from ${license.hardwareId} to ${moved.value.license.hardwareId}. `
      + 'The old device drops it when it next reaches the portal; the new one downloads it.';
    await ctx.refresh();
  });
  cancel.addEventListener('click', () => dialog.close());
  // Focus goes back to the row's Move button, as after any dialog.
  dialog.addEventListener('close', () => opener?.focus());

  return {
    dialog,
    /** The last move's outcome, for the page to show beside the licenses. */
    done,
    open(chosen, button) {
      license = chosen;
      opener = button;
      heading.textContent = `Move license ${chosen.id}`;
      from.textContent = `${chosen.featureCode} \u00d7${chosen.count}, now bound to hardware ID ${chosen.hardwareId}.`;
      target.value = '';
      reason.value = '';
      error.textContent = '';
      done.textContent = '';
      dialog.showModal();
      target.focus();
    },
  };
}
