// [GW-7] The gateway's PBX side of its page: the PBX users, each with their License tab (the PBX
// licenses granted to them), and the config templates that set those license settings for a
// group of users at once. Every control calls the device API through gateway.js's `run`.

import { el } from '/common/api.js';

const badge = (tone, text) => el('span', { class: `badge ${tone}` }, text);

/**
 * [GW-7] PBX users: add and remove users, grant a user one of the PBX licenses in force, revoke
 * it. A grant beyond the amount in force is refused (LICENSE_LIMIT) in the user's row.
 */
export function pbxUsers(run, errorText) {
  const rowErrors = new Map();
  /** The license picked in each user's Grant list, kept across redraws. */
  const picked = new Map();
  const rows = el('tbody');
  const nameBox = el('input', { id: 'gw-new-user', type: 'text', autocomplete: 'off', 'aria-describedby': 'gw-new-user-error' });
  const addError = el('p', { class: 'error', role: 'alert', id: 'gw-new-user-error' });
  const addButton = el('button', {
    type: 'button',
    onclick: async () => {
      const added = await run(addButton, 'add-user', { name: nameBox.value }, { error: addError });
      if (added.ok) nameBox.value = '';
    },
  }, 'Add user');

  let last = { users: null, features: [] };
  let signature = '';
  /** Runs a row's action; its refusal stays in that row until the next action there. */
  const rowAction = (user, text, label, action, body) => {
    const button = el('button', { type: 'button', 'aria-label': label }, text);
    button.addEventListener('click', async () => {
      rowErrors.delete(user);
      const result = await run(button, action, body(), {});
      if (!result.ok) rowErrors.set(user, errorText(result));
      render(last.users, last.features, true);
    });
    return button;
  };

  function userRow(user, features) {
    const grantable = features.map((f) => f.featureCode).filter((code) => !user.features.includes(code));
    // The license picked survives the table being redrawn (another user's row changed).
    const picker = el('select', { 'aria-label': `License to grant ${user.name}`, onchange: () => picked.set(user.name, picker.value) }, ...grantable.map((code) => el('option', { value: code }, code)));
    if (grantable.includes(picked.get(user.name))) picker.value = picked.get(user.name);
    const granted = user.features.length === 0 ? ['none']
      : user.features.map((code) => el('span', { class: 'inline' }, badge('ok', code), rowAction(user.name, 'Revoke', `Revoke ${code} from ${user.name}`, 'revoke', () => ({ user: user.name, featureCode: code }))));
    return el('tr', { 'aria-label': user.name },
      el('td', {}, user.name),
      el('td', {}, ...granted),
      el('td', {},
        el('span', { class: 'inline' }, ...(grantable.length === 0 ? ['no other PBX license in force'] : [
          picker, rowAction(user.name, 'Grant', `Grant to ${user.name}`, 'grant', () => ({ user: user.name, featureCode: picker.value })),
        ]), rowAction(user.name, 'Remove user', `Remove ${user.name}`, 'remove-user', () => ({ name: user.name }))),
        el('p', { class: 'error', role: 'alert' }, rowErrors.get(user.name) ?? '')));
  }

  function render(users, features, force = false) {
    last = { users, features };
    const now = JSON.stringify([users, features, [...rowErrors]]);
    if (!force && now === signature) return;
    signature = now;
    rows.replaceChildren(...(users === null ? [el('tr', {}, el('td', { colspan: 3 }, 'The users show once the device is running.'))]
      : users.length === 0 ? [el('tr', {}, el('td', { colspan: 3 }, 'No PBX users.'))]
        : users.map((u) => userRow(u, features))));
  }

  return {
    section: el('section', { class: 'panel', 'aria-labelledby': 'gw-users-heading' },
      el('h2', { id: 'gw-users-heading' }, 'PBX users'),
      el('table', { 'aria-label': 'PBX users' },
        el('thead', {}, el('tr', {}, ...['User', 'Licenses', 'Actions'].map((h) => el('th', { scope: 'col' }, h)))), rows),
      el('div', { role: 'group', 'aria-labelledby': 'gw-add-user-heading' },
        el('h3', { id: 'gw-add-user-heading' }, 'Add a PBX user'),
        el('label', { for: 'gw-new-user' }, 'User name'),
        el('div', { class: 'inline' }, nameBox, addButton),
        addError)),
    render,
  };
}

/**
 * [GW-7] Config templates: define one (its name and the PBX licenses it grants), and apply it
 * to the users ticked, all or nothing: if granting it to all of them would exceed a license in
 * force, no one is granted anything and the refusal (LICENSE_LIMIT) shows beside the button.
 */
export function configTemplates(run) {
  const rows = el('tbody');
  const nameBox = el('input', { id: 'gw-template-name', type: 'text', autocomplete: 'off', 'aria-describedby': 'gw-template-error' });
  const featuresHint = el('p', { id: 'gw-template-features-hint', class: 'hint' });
  const featuresBox = el('input', { id: 'gw-template-features', type: 'text', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': 'gw-template-features-hint gw-template-error' });
  const defineError = el('p', { class: 'error', role: 'alert', id: 'gw-template-error' });
  const defineDone = el('p', { class: 'done', role: 'status' });
  const defineButton = el('button', {
    type: 'button',
    onclick: async () => {
      const features = featuresBox.value.split(/[\s,]+/).filter(Boolean);
      const defined = await run(defineButton, 'define-template', { name: nameBox.value, features }, {
        error: defineError, done: defineDone, describe: (t) => `Defined the config template ${t.name}: ${t.features.join(', ') || 'no licenses'}.`,
      });
      if (defined.ok) {
        nameBox.value = '';
        featuresBox.value = '';
      }
    },
  }, 'Define template');

  const picker = el('select', { id: 'gw-apply-template' });
  const userBoxes = el('fieldset', {}, el('legend', {}, 'Users'));
  const applyError = el('p', { class: 'error', role: 'alert' });
  const applyDone = el('p', { class: 'done', role: 'status' });
  const applyButton = el('button', {
    type: 'button',
    onclick: () => {
      const users = [...userBoxes.querySelectorAll('input:checked')].map((box) => box.value);
      return run(applyButton, 'apply-template', { template: picker.value, users }, {
        error: applyError, done: applyDone,
        describe: ({ granted }) => (granted.length === 0 ? 'Nothing to grant: every user ticked has the template\u2019s licenses already.'
          : `Granted ${granted.map((g) => `${g.featureCode} to ${g.user}`).join(', ')}.`),
      });
    },
  }, 'Apply template');

  let signature = '';
  /** Redraws what changed only, keeping the template picked and the users ticked. */
  function render(templates, users, features) {
    featuresHint.textContent = `Feature codes separated by spaces, e.g. Mobility. PBX licenses in force: ${
      features.length === 0 ? 'none' : features.map((f) => `${f.featureCode} \u00d7${f.installed}`).join(', ')}.`;
    const now = JSON.stringify([templates, (users ?? []).map((u) => u.name)]);
    if (now === signature) return;
    signature = now;
    const picked = picker.value;
    const ticked = new Set([...userBoxes.querySelectorAll('input:checked')].map((box) => box.value));
    const list = templates ?? [];
    rows.replaceChildren(...(templates === null ? [el('tr', {}, el('td', { colspan: 2 }, 'The templates show once the device is running.'))]
      : list.length === 0 ? [el('tr', {}, el('td', { colspan: 2 }, 'No config templates.'))]
        : list.map((t) => el('tr', { 'aria-label': t.name },
          el('td', {}, t.name),
          el('td', {}, ...(t.features.length === 0 ? ['none'] : t.features.map((code) => badge('info', code))))))));
    picker.replaceChildren(...list.map((t) => el('option', { value: t.name, selected: t.name === picked }, t.name)));
    userBoxes.replaceChildren(el('legend', {}, 'Users'), ...((users ?? []).length === 0 ? [el('p', {}, 'No PBX users.')]
      : users.map((u, i) => el('span', { class: 'inline' },
        el('input', { type: 'checkbox', id: `gw-apply-user-${i}`, value: u.name, checked: ticked.has(u.name) }),
        el('label', { for: `gw-apply-user-${i}` }, u.name)))));
    applyButton.disabled = list.length === 0;
  }

  return {
    section: el('section', { class: 'panel', 'aria-labelledby': 'gw-templates-heading' },
      el('h2', { id: 'gw-templates-heading' }, 'Config templates'),
      el('p', {}, 'A config template sets the license settings of a group of PBX users at once. Applying it grants its licenses '
        + 'to every user ticked, or to none of them if that would exceed the licenses in force.'),
      el('table', { 'aria-label': 'Config templates' },
        el('thead', {}, el('tr', {}, ...['Template', 'Licenses'].map((h) => el('th', { scope: 'col' }, h)))), rows),
      el('div', { role: 'group', 'aria-labelledby': 'gw-define-template-heading' },
        el('h3', { id: 'gw-define-template-heading' }, 'Define a config template'),
        el('label', { for: 'gw-template-name' }, 'Template name'), nameBox,
        el('label', { for: 'gw-template-features' }, 'Licenses'), featuresBox, featuresHint,
        el('div', { class: 'inline' }, defineButton),
        defineError, defineDone),
      el('div', { role: 'group', 'aria-labelledby': 'gw-apply-template-heading' },
        el('h3', { id: 'gw-apply-template-heading' }, 'Apply a config template'),
        el('label', { for: 'gw-apply-template' }, 'Template'), picker,
        userBoxes,
        el('div', { class: 'inline' }, applyButton),
        applyError, applyDone)),
    render,
  };
}
