// [SS-2] The License Partner Portal, where a SmartServer partner (the vendor's customer) manages
// its customer/project accounts and its purchased licenses: add a customer (which gets the
// Customer ID typed into each SmartServer's Manage Customer Accounts view), activate an order's
// activation key into the partner account, and assign licenses to a customer, where they wait
// in the cloud for the customer's servers to download. Every control is one API request.

import { onSubmit } from '/common/api.js';
import { startPortal } from '/portal/portalShell.js';
import { copyButton, selectCell, day, statusBadge, syncRows, whereCell } from '/portal/smartserver/smartserverParts.js';

function mount(root, ctx) {
  const { el, errorText, get, post, refresh } = ctx;
  const partner = encodeURIComponent(ctx.accountId);
  let customers = [];
  let licenses = [];
  /** Licenses ticked for assignment, kept across refreshes. */
  const selected = new Set();
  /** Rows stay where they first appeared: an assignment must not reorder the list under the user. */
  const firstSeen = new Map();

  // Customers: add one, search by name, copy a Customer ID.
  const nameInput = el('input', { id: 'ss-customer-name', autocomplete: 'off', 'aria-describedby': 'ss-customer-error' });
  const addError = el('p', { class: 'error', role: 'alert', id: 'ss-customer-error' });
  const added = el('div', { class: 'done', role: 'status', 'aria-live': 'polite' });
  const addForm = el('form', { 'aria-label': 'Add customer' },
    el('label', { for: 'ss-customer-name' }, 'Customer name'),
    el('div', { class: 'inline' }, nameInput, el('button', { type: 'submit' }, 'Add customer')),
    addError, added);
  onSubmit(addForm, async () => {
    const result = await post(`/smartserver/partners/${partner}/customers`, { name: nameInput.value });
    addError.textContent = result.ok ? '' : errorText(result);
    if (result.ok) {
      const { customerId, name } = result.value.customer;
      const copied = el('p', { role: 'status', 'aria-live': 'polite' });
      added.replaceChildren(el('p', {}, `Customer ${name} added. Customer ID: `, el('span', { class: 'code', id: 'ss-new-customer-id' }, customerId)),
        copyButton('Copy Customer ID', () => customerId, copied, `Customer ID ${customerId}`), copied);
      nameInput.value = '';
    }
    await refresh();
  });

  const search = el('input', { id: 'ss-customer-search', type: 'search', autocomplete: 'off', oninput: () => drawCustomers() });
  const customerRows = el('tbody');
  const customerCopied = el('p', { role: 'status', 'aria-live': 'polite' });
  const noCustomers = el('p', {}, '');
  const customerTable = el('table', { 'aria-label': 'Customers' },
    el('thead', {}, el('tr', {}, ...['Name', 'Customer ID', 'Licenses', 'Added', ''].map((h) => el('th', { scope: 'col' }, h)))),
    customerRows);

  // Licenses: activate a key into the partner account, then assign a selection to a customer.
  const keyInput = el('input', { id: 'ss-activation-key', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': 'ss-activation-error' });
  const keyError = el('p', { class: 'error', role: 'alert', id: 'ss-activation-error' });
  const keyDone = el('p', { class: 'done', role: 'status', 'aria-live': 'polite' });
  const keyForm = el('form', { 'aria-label': 'Activate licenses' },
    el('label', { for: 'ss-activation-key' }, 'Activation key'),
    el('div', { class: 'inline' }, keyInput, el('button', { type: 'submit' }, 'Activate')),
    keyError, keyDone);
  onSubmit(keyForm, async () => {
    const result = await post(`/accounts/${partner}/activations`, { activationKey: keyInput.value });
    keyError.textContent = result.ok ? '' : errorText(result);
    keyDone.textContent = result.ok ? `Activated ${result.value.licenses.length} licenses into account ${ctx.accountId}: ${result.value.licenses.map((l) => l.id).join(', ')}` : '';
    if (result.ok) keyInput.value = '';
    await refresh();
  });

  const licenseRows = el('tbody');
  const noLicenses = el('p', {}, '');
  const licenseTable = el('table', { 'aria-label': 'Licenses' },
    el('thead', {}, el('tr', {}, ...['Select', 'License ID', 'Description', 'Customer', 'Transfer Date', 'Where', 'Status'].map((h) => el('th', { scope: 'col' }, h)))),
    licenseRows);
  const chosen = el('p', { 'aria-live': 'polite' });
  const customerSelect = el('select', { id: 'ss-assign-customer', 'aria-describedby': 'ss-assign-error' });
  const assignButton = el('button', { type: 'button', onclick: () => assign() }, 'Assign');
  const assignError = el('p', { class: 'error', role: 'alert', id: 'ss-assign-error' });
  const assignDone = el('p', { class: 'done', role: 'status', 'aria-live': 'polite' });

  async function assign() {
    const customerId = customerSelect.value;
    const licenseIds = licenses.map((l) => l.licenseId).filter((id) => selected.has(id));
    assignButton.disabled = true;
    const result = await post(`/smartserver/customers/${encodeURIComponent(customerId)}/licenses`, { partnerAccountId: ctx.accountId, licenseIds });
    assignButton.disabled = false;
    assignError.textContent = result.ok ? '' : errorText(result);
    const name = customers.find((c) => c.customerId === customerId)?.name ?? customerId;
    assignDone.textContent = result.ok ? `Assigned ${result.value.licenses.length} licenses to ${name}` : '';
    if (result.ok) selected.clear();
    await refresh();
  }

  const listError = el('p', { class: 'error', role: 'alert' });
  root.append(
    el('section', { class: 'panel', 'aria-labelledby': 'ss-customers-heading' },
      el('h2', { id: 'ss-customers-heading' }, 'Customers'),
      el('p', {}, 'A customer/project account gets a Customer ID: type it into each of the customer\u2019s SmartServers (Manage Licenses > Manage Customer Accounts).'),
      addForm,
      el('label', { for: 'ss-customer-search' }, 'Search customers by name'), search,
      customerTable, noCustomers, customerCopied),
    el('section', { class: 'panel', 'aria-labelledby': 'ss-licenses-heading' },
      el('h2', { id: 'ss-licenses-heading' }, 'Licenses'),
      keyForm,
      licenseTable, noLicenses,
      el('div', { role: 'group', 'aria-label': 'Assign licenses' },
        el('h3', {}, 'Assign licenses'),
        chosen,
        el('label', { for: 'ss-assign-customer' }, 'Customer'),
        el('div', { class: 'inline' }, customerSelect, assignButton),
        assignError, assignDone)),
    listError);

  const customerName = (id) => customers.find((c) => c.customerId === id)?.name ?? id;

  function drawCustomers() {
    const words = search.value.trim().toLowerCase();
    const shown = customers.filter((c) => c.name.toLowerCase().includes(words));
    const held = (id) => licenses.filter((l) => l.customerId === id).length;
    syncRows(customerRows, shown, {
      key: (c) => c.customerId,
      content: (c) => [c.name, held(c.customerId)],
      build: (c) => el('tr', {},
        el('th', { scope: 'row' }, c.name),
        el('td', { class: 'code' }, c.customerId),
        el('td', {}, String(held(c.customerId))),
        el('td', {}, day(c.createdAt)),
        el('td', {}, copyButton(`Copy Customer ID of ${c.name}`, () => c.customerId, customerCopied, `Customer ID ${c.customerId} of ${c.name}`))),
    });
    customerTable.hidden = shown.length === 0;
    noCustomers.textContent = customers.length === 0 ? 'No customers yet: add one above.' : shown.length === 0 ? `No customer\u2019s name contains \u201c${search.value.trim()}\u201d.` : '';
    // The assignment's choice of customer: every customer, whatever the search shows.
    const options = customers.map((c) => [c.customerId, c.name]);
    if (JSON.stringify(options) !== JSON.stringify([...customerSelect.options].map((o) => [o.value, o.textContent]))) {
      const keep = customerSelect.value;
      customerSelect.replaceChildren(...options.map(([value, text]) => el('option', { value }, text)));
      if (options.some(([value]) => value === keep)) customerSelect.value = keep;
    }
  }

  function drawLicenses() {
    for (const id of selected) if (!licenses.some((l) => l.licenseId === id)) selected.delete(id);
    syncRows(licenseRows, licenses, {
      key: (l) => l.licenseId,
      content: (l) => [l.description, l.customerId, customerName(l.customerId), l.transferDate, l.activatedOn, l.status],
      build: (l) => el('tr', {},
        selectCell(l, selected, drawSelection),
        el('th', { scope: 'row', class: 'code' }, l.licenseId),
        el('td', {}, l.description),
        el('td', {}, l.customerId === null ? el('span', { class: 'badge warn' }, 'Not assigned') : customerName(l.customerId)),
        el('td', {}, l.customerId === null ? '' : day(l.transferDate)),
        whereCell(l),
        el('td', {}, statusBadge(l.status))),
    });
    licenseTable.hidden = licenses.length === 0;
    noLicenses.textContent = licenses.length === 0 ? 'No SmartServer licenses yet: activate an order\u2019s activation key above.' : '';
    drawSelection();
  }

  function drawSelection() {
    const unassigned = licenses.filter((l) => l.customerId === null).length;
    chosen.textContent = `${selected.size} selected of ${licenses.length} licenses (${unassigned} not assigned)`;
    assignButton.disabled = selected.size === 0 || customers.length === 0;
  }

  return async function update() {
    const [listedCustomers, listedLicenses] = await Promise.all([
      get(`/smartserver/partners/${partner}/customers`),
      get(`/smartserver/partners/${partner}/licenses`),
    ]);
    const failed = [listedCustomers, listedLicenses].find((r) => !r.ok);
    listError.textContent = failed === undefined ? '' : errorText(failed);
    if (listedCustomers.ok) customers = listedCustomers.value.customers;
    if (listedLicenses.ok) {
      for (const l of listedLicenses.value.licenses) if (!firstSeen.has(l.licenseId)) firstSeen.set(l.licenseId, firstSeen.size);
      licenses = [...listedLicenses.value.licenses].sort((a, b) => firstSeen.get(a.licenseId) - firstSeen.get(b.licenseId));
    }
    drawCustomers();
    drawLicenses();
  };
}

await startPortal({ title: 'License Partner Portal', accountLabel: 'Partner account', mount });
