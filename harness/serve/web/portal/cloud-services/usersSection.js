// [PC-1] The account's users and their roles: License Admin opens the Licenses functions,
// Device Admin the provisioning token and devices, Account Admin this section. The account's
// first user signs up here as itself and must take Account Admin; after that only an Account
// Admin adds users or changes their roles. Everyone else sees the API's refusal.

import { el, errorText } from '/common/api.js';

const ROLES = ['Account Admin', 'License Admin', 'Device Admin'];

export function usersSection(ctx, api) {
  const refusal = el('p', { class: 'error', role: 'alert' });
  const rows = el('tbody');
  const table = el('table', { 'aria-label': 'Users' },
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'User'), el('th', { scope: 'col' }, 'Roles'))), rows);

  const nameBox = el('input', { id: 'cs-user-name', type: 'text', autocomplete: 'off', spellcheck: 'false', value: ctx.session.user, 'aria-describedby': 'cs-user-error' });
  const boxes = ROLES.map((role) => el('input', { type: 'checkbox', value: role, id: `cs-role-${role.replace(' ', '-').toLowerCase()}` }));
  const error = el('p', { class: 'error', role: 'alert', id: 'cs-user-error' });
  const done = el('p', { class: 'done', role: 'status' });
  const save = el('button', { type: 'submit' }, 'Save user');
  const form = el('form', { role: 'group', 'aria-labelledby': 'cs-user-form-heading' },
    el('h3', { id: 'cs-user-form-heading' }, 'Add a user or change roles'),
    el('p', {}, `An account's first user signs up as itself (you are ${ctx.session.user}) and must take Account Admin.`),
    el('label', { for: 'cs-user-name' }, 'User name'), nameBox,
    el('fieldset', {}, el('legend', {}, 'Roles'), ...boxes.map((box) => el('label', { for: box.id }, box, box.value))),
    el('div', { class: 'inline' }, save), error, done);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    save.disabled = true;
    const roles = boxes.filter((b) => b.checked).map((b) => b.value);
    const put = await api.put(`/users/${encodeURIComponent(nameBox.value)}`, { roles });
    save.disabled = false;
    error.textContent = put.ok ? '' : errorText(put);
    done.textContent = put.ok ? `Saved ${put.value.user.name}: ${put.value.user.roles.join(', ') || 'no roles'}.` : '';
    await ctx.refresh();
  });

  let lastRows = '';
  return {
    element: el('section', { class: 'panel', 'aria-labelledby': 'cs-users-heading' },
      el('h2', { id: 'cs-users-heading' }, 'Users and roles'),
      refusal, table, form),
    render({ users }) {
      refusal.textContent = users.ok ? '' : errorText(users);
      table.hidden = !users.ok;
      const list = users.ok ? users.value.users : [];
      const signature = JSON.stringify(list);
      if (signature === lastRows) return;
      lastRows = signature;
      rows.replaceChildren(...list.map((u) => el('tr', { 'aria-label': u.name },
        el('td', {}, u.name), el('td', {}, u.roles.length === 0 ? 'no roles' : u.roles.join(', ')))));
    },
  };
}
