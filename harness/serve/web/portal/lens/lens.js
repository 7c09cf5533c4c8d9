// [CL-2, CL-4, CL-5, CL-6, CL-7, CL-8] Poly Lens: Manage > Licensing > Clariti, after the
// vendor's Clariti licensing guide: activate the License Activation Key, then the tabs
// Purchased Products (Add New > Standard / Restrictive Purchased Product, License > Process
// License), Entitlements (Assign an Update Attribute Count to a product) and Access Tokens
// (create, copy the secret shown once, revoke). Every control is one request of the video
// portal's API under /api/v1/video (docs/http.md), a refusal shown beside it in the API's words.

import { copyText, utcTime } from '/common/pageParts.js';
import { startPortal } from '/portal/portalShell.js';

const TABS = [['products', 'Purchased Products'], ['entitlements', 'Entitlements'], ['tokens', 'Access Tokens']];
const MODE = { standard: ['info', 'Standard'], restrictive: ['warn', 'Restrictive'], online: ['ok', 'Standard (online)'] };
const TOKEN_STATUS = { Active: 'ok', Revoked: 'bad' };

const productName = (p) => p.name ?? p.hostName ?? p.productId;

function mount(root, ctx) {
  const { el, errorText, refresh, accountId } = ctx;
  const base = `/video/accounts/${encodeURIComponent(accountId)}`;
  const badge = (tone, text) => el('span', { class: `badge ${tone}` }, text);
  const alert = (id) => el('p', { class: 'error', role: 'alert', ...(id ? { id } : {}) });
  const done = () => el('p', { class: 'done', role: 'status' });

  /** One request from a button: its refusal (or success line) beside it, then a redraw. */
  async function run(button, call, { error, ok, describe } = {}) {
    button.disabled = true;
    const result = await call();
    button.disabled = false;
    if (error) error.textContent = result.ok ? '' : errorText(result);
    if (ok) ok.textContent = result.ok && describe ? describe(result.value) : '';
    await refresh();
    return result;
  }

  /** A native modal dialog named by its heading. */
  function dialog(id, title, ...children) {
    const heading = el('h2', { id: `${id}-heading` }, title);
    const node = el('dialog', { id, 'aria-modal': 'true', 'aria-labelledby': `${id}-heading`, class: 'lens-dialog' }, heading, ...children,
      el('div', { class: 'inline' }, el('button', { type: 'button', onclick: () => node.close() }, 'Close')));
    return { node, heading };
  }
  const field = (id, label, attrs = {}) => {
    const input = el('input', { id, type: 'text', autocomplete: 'off', spellcheck: 'false', ...attrs });
    return { input, nodes: [el('label', { for: id }, label), input] };
  };

  // [CL-2] Activate a License: the License Activation Key the order's e-mail carries.
  const keyBox = field('lens-activation-key', 'License Activation Key');
  const keyError = alert();
  const keyDone = done();
  const activateButton = el('button', {
    type: 'button',
    onclick: async () => {
      const activated = await run(activateButton, () => ctx.post(`/accounts/${encodeURIComponent(accountId)}/activations`, { activationKey: keyBox.input.value.trim() }), {
        error: keyError, ok: keyDone,
        describe: (v) => `Activated: ${v.licenses.map((l) => `${l.featureCode} ×${l.count}`).join(', ')}. Clariti licenses show under Entitlements.`,
      });
      if (activated.ok) keyBox.input.value = '';
    },
  }, 'Activate');

  // The tabs of Manage > Licensing > Clariti.
  const panels = {};
  const tabs = TABS.map(([key, label], i) => el('button', {
    type: 'button', role: 'tab', id: `lens-tab-${key}`, 'aria-controls': `lens-panel-${key}`, 'aria-selected': String(i === 0),
  }, label));
  tabs.forEach((tab, i) => tab.addEventListener('click', () => {
    tabs.forEach((t, j) => t.setAttribute('aria-selected', String(i === j)));
    TABS.forEach(([key], j) => { panels[key].hidden = i !== j; });
  }));

  const products = purchasedProducts();
  const entitlements = entitlementsTab();
  const tokens = accessTokens();
  panels.products = el('div', { role: 'tabpanel', id: 'lens-panel-products', 'aria-labelledby': 'lens-tab-products' }, ...products.nodes);
  panels.entitlements = el('div', { role: 'tabpanel', id: 'lens-panel-entitlements', 'aria-labelledby': 'lens-tab-entitlements', hidden: true }, ...entitlements.nodes);
  panels.tokens = el('div', { role: 'tabpanel', id: 'lens-panel-tokens', 'aria-labelledby': 'lens-tab-tokens', hidden: true }, ...tokens.nodes);
  const loadError = alert();

  root.replaceChildren(
    el('p', { class: 'lens-where' }, 'Manage > Licensing > Clariti'),
    el('section', { class: 'panel', 'aria-labelledby': 'lens-activate-heading' },
      el('h2', { id: 'lens-activate-heading' }, 'Activate a License'),
      el('p', {}, 'After purchasing a license, the License Activation Key is sent to you by e-mail. Its Clariti licenses become the account\u2019s entitlements.'),
      ...keyBox.nodes, el('div', { class: 'inline' }, activateButton), keyError, keyDone),
    el('section', { class: 'panel tabs', 'aria-label': 'Clariti' },
      el('div', { role: 'tablist', 'aria-label': 'Clariti licensing' }, ...tabs),
      panels.products, panels.entitlements, panels.tokens),
    loadError,
    ...products.dialogs, entitlements.dialog, tokens.created,
  );

  let lastProducts = [];

  /** [CL-4, CL-5, CL-7] Purchased Products: the list, Add New, and License > Process License. */
  function purchasedProducts() {
    const rows = el('tbody');
    const empty = el('p');
    const table = el('table', { 'aria-label': 'Purchased Products' },
      el('thead', {}, el('tr', {}, ...['Name', 'Type', 'Version', 'Mode', 'Product ID', 'Entitlements', 'Last connected', 'License'].map((h) => el('th', { scope: 'col' }, h)))), rows);
    const listDone = done();

    // Add New > Standard Purchased Product: the Request Code alone.
    const standardCode = field('lens-standard-code', 'Request Code', { placeholder: 'XXXXX-XXXXX-XXXXX-XXXXX-XX', 'aria-describedby': 'lens-standard-error' });
    const standardError = alert('lens-standard-error');
    const standard = dialog('lens-add-standard', 'Add Standard Purchased Product',
      el('p', {}, 'Paste the Request Code the product\u2019s License Product window shows.'), ...standardCode.nodes);
    const standardButton = el('button', {
      type: 'button',
      onclick: async () => {
        const added = await run(standardButton, () => ctx.post(`${base}/products/standard`, { requestCode: standardCode.input.value.trim() }), {
          error: standardError, ok: listDone, describe: (v) => `Added ${productName(v.product)} (${v.product.productId}) to Purchased Products.`,
        });
        if (added.ok) {
          standardCode.input.value = '';
          standard.node.close();
        }
      },
    }, 'Add Standard Purchased Product');
    standard.node.insertBefore(el('div', {}, el('div', { class: 'inline' }, standardButton), standardError), standard.node.lastChild);

    // Add New > Restrictive Purchased Product: every field typed exactly as the product shows it.
    const fields = [['name', 'Name'], ['type', 'Type'], ['version', 'Version'], ['requestCode', 'Request Code'], ['serial', 'Serial number (optional)'], ['hostName', 'Host name (optional)']]
      .map(([key, label]) => [key, field(`lens-restrictive-${key}`, label, { 'aria-describedby': 'lens-restrictive-error' })]);
    const restrictiveError = alert('lens-restrictive-error');
    const restrictive = dialog('lens-add-restrictive', 'Add Restrictive Purchased Product',
      el('p', {}, 'Enter the information exactly as the product\u2019s License Product window displays it (capitalization, etc.).'),
      ...fields.flatMap(([, f]) => f.nodes));
    const restrictiveButton = el('button', {
      type: 'button',
      onclick: async () => {
        const body = {};
        for (const [key, f] of fields) {
          const value = f.input.value.trim();
          if (value !== '' || !['serial', 'hostName'].includes(key)) body[key] = value;
        }
        const added = await run(restrictiveButton, () => ctx.post(`${base}/products/restrictive`, body), {
          error: restrictiveError, ok: listDone, describe: (v) => `Added ${productName(v.product)} (${v.product.productId}) to Purchased Products.`,
        });
        if (added.ok) {
          for (const [, f] of fields) f.input.value = '';
          restrictive.node.close();
        }
      },
    }, 'Add Restrictive Purchased Product');
    restrictive.node.insertBefore(el('div', {}, el('div', { class: 'inline' }, restrictiveButton), restrictiveError), restrictive.node.lastChild);

    // License > Process License > Process Request: the Response Code, to copy.
    let processing = null;
    const processFor = el('p');
    const processError = alert();
    const responseText = el('code', { class: 'lens-secret', id: 'lens-response-code' });
    const copyStatus = done();
    const copyButton = el('button', { type: 'button', onclick: async () => { copyStatus.textContent = await copyText(responseText.textContent, responseText); } }, 'Copy Response Code');
    const responseBlock = el('div', { hidden: true },
      el('h3', {}, 'Response Code'), el('p', {}, responseText), el('div', { class: 'inline' }, copyButton), copyStatus,
      el('p', {}, 'Paste it into the product\u2019s Install License window and select Process License Response Code.'));
    const processButton = el('button', {
      type: 'button',
      onclick: async () => {
        const issued = await run(processButton, () => ctx.post(`${base}/products/${encodeURIComponent(processing.productId)}/process-license`), { error: processError });
        responseBlock.hidden = !issued.ok;
        responseText.textContent = issued.ok ? issued.value.responseCode : '';
        copyStatus.textContent = '';
      },
    }, 'Process Request');
    const process = dialog('lens-process', 'Process License', processFor, el('div', { class: 'inline' }, processButton), processError, responseBlock);
    const openProcess = (product) => {
      processing = product;
      processFor.textContent = `${productName(product)} (${product.type ?? 'type not known'}, product ${product.productId}): entitlements ${entitlementText(product.entitlements)}.`;
      processError.textContent = '';
      responseBlock.hidden = true;
      responseText.textContent = '';
      process.node.showModal();
    };

    const open = (d, error) => () => {
      error.textContent = '';
      d.node.showModal();
    };
    let signature = '';
    return {
      nodes: [
        el('h2', {}, 'Purchased Products'),
        el('div', { role: 'group', 'aria-label': 'Add New', class: 'inline' }, el('span', {}, 'Add New:'),
          el('button', { type: 'button', onclick: open(standard, standardError) }, 'Standard Purchased Product'),
          el('button', { type: 'button', onclick: open(restrictive, restrictiveError) }, 'Restrictive Purchased Product')),
        listDone, table, empty,
      ],
      dialogs: [standard.node, restrictive.node, process.node],
      render(list) {
        const now = JSON.stringify(list);
        if (now === signature) return;
        signature = now;
        rows.replaceChildren(...list.map((p) => {
          const [tone, label] = MODE[p.mode] ?? ['info', p.mode];
          return el('tr', { 'aria-label': productName(p) },
            el('td', {}, productName(p)), el('td', {}, p.type ?? '—'), el('td', {}, p.version ?? '—'),
            el('td', {}, badge(tone, label)), el('td', {}, el('code', {}, p.productId)),
            el('td', {}, entitlementText(p.entitlements)), el('td', {}, utcTime(p.lastConnectedAt)),
            el('td', {}, el('button', { type: 'button', 'aria-label': `Process License for ${productName(p)}`, onclick: () => openProcess(p) }, 'Process License')));
        }));
        table.hidden = list.length === 0;
        empty.textContent = list.length === 0 ? 'No purchased products yet: Add New, or connect a product in standard mode with an access token.' : '';
      },
    };
  }

  /** [CL-6] Entitlements: each pool's total, assigned and available; Assign sets a product's attribute count. */
  function entitlementsTab() {
    const rows = el('tbody');
    const empty = el('p');
    const table = el('table', { 'aria-label': 'Entitlements' },
      el('thead', {}, el('tr', {}, ...['Entitlement', 'Total', 'Assigned', 'Available', ''].map((h) => el('th', { scope: 'col' }, h)))), rows);
    const assignDone = done();

    let assigning = null;
    const assignRows = el('tbody');
    const assignError = alert();
    const assign = dialog('lens-assign', 'Assign Entitlements',
      el('p', { id: 'lens-assign-pool' }),
      el('table', { 'aria-label': 'Purchased products to assign to' },
        el('thead', {}, el('tr', {}, ...['Purchased product', 'Assigned now', 'Update Attribute Count'].map((h) => el('th', { scope: 'col' }, h)))), assignRows));
    const assignButton = el('button', {
      type: 'button',
      onclick: async () => {
        const inputs = [...assignRows.querySelectorAll('input')];
        const changed = inputs.filter((i) => i.value.trim() !== i.dataset.current);
        assignError.textContent = '';
        for (const input of changed) {
          const count = Number(input.value.trim());
          const result = await run(assignButton, () => ctx.post(`${base}/entitlements/${encodeURIComponent(assigning)}/assignments`, {
            productId: input.dataset.productId, count: input.value.trim() === '' || !Number.isFinite(count) ? input.value : count,
          }), { error: assignError });
          if (!result.ok) return;
        }
        assignDone.textContent = changed.length === 0 ? 'Nothing to change.' : `Assigned ${assigning}: ${changed.map((i) => `${i.dataset.name} ${i.value.trim()}`).join(', ')}.`;
        assign.node.close();
      },
    }, 'Assign Entitlements');
    assign.node.insertBefore(el('div', {}, el('div', { class: 'inline' }, assignButton), assignError), assign.node.lastChild);
    const openAssign = (entitlement) => {
      assigning = entitlement.featureCode;
      assign.heading.textContent = `Assign ${entitlement.featureCode}`;
      assign.node.querySelector('#lens-assign-pool').textContent = `${entitlement.available} of ${entitlement.total} available. Enter the number each product holds afterwards (0 takes it back).`;
      assignError.textContent = '';
      assignRows.replaceChildren(...(lastProducts.length === 0 ? [el('tr', {}, el('td', { colspan: 3 }, 'No purchased products to assign to.'))]
        : lastProducts.map((p) => {
          const current = String(entitlement.assignments[p.productId] ?? 0);
          const input = el('input', { type: 'number', min: '0', step: '1', value: current, 'aria-label': `Update Attribute Count for ${productName(p)}`, 'data-product-id': p.productId, 'data-current': current, 'data-name': productName(p) });
          return el('tr', { 'aria-label': productName(p) }, el('td', {}, `${productName(p)} (${p.productId})`), el('td', {}, current), el('td', {}, input));
        })));
      assign.node.showModal();
    };

    let signature = '';
    return {
      nodes: [el('h2', {}, 'Entitlements'), assignDone, table, empty],
      dialog: assign.node,
      render(list) {
        const now = JSON.stringify(list);
        if (now === signature) return;
        signature = now;
        rows.replaceChildren(...list.map((e) => el('tr', { 'aria-label': e.featureCode },
          el('td', {}, e.featureCode), el('td', {}, String(e.total)), el('td', {}, String(e.assigned)),
          el('td', {}, badge(e.available > 0 ? 'ok' : 'off', `${e.available} available`)),
          el('td', {}, el('button', { type: 'button', 'aria-label': `Assign ${e.featureCode}`, onclick: () => openAssign(e) }, 'Assign')))));
        table.hidden = list.length === 0;
        empty.textContent = list.length === 0 ? 'No Clariti entitlements: activate a License Activation Key first.' : '';
      },
    };
  }

  /** [CL-8] Access Tokens: create one for a user (its secret shown once, to copy), list, revoke. */
  function accessTokens() {
    const user = field('lens-token-user', 'User', { placeholder: 'alice@example.com' });
    const createError = alert();
    const rows = el('tbody');
    const empty = el('p');
    const table = el('table', { 'aria-label': 'Access Tokens' },
      el('thead', {}, el('tr', {}, ...['Token ID', 'User', 'Status', 'Created', 'Last used', 'Revoked', ''].map((h) => el('th', { scope: 'col' }, h)))), rows);
    const rowErrors = new Map();

    const secretText = el('code', { class: 'lens-secret', id: 'lens-token-secret' });
    const copyStatus = done();
    const copyButton = el('button', { type: 'button', onclick: async () => { copyStatus.textContent = await copyText(secretText.textContent, secretText); } }, 'Copy access token');
    const created = dialog('lens-token-created', 'Access token created',
      el('p', {}, 'Copy it now: Poly Lens keeps only a hash and cannot show it again. Paste it into the Clariti product\u2019s Access token field.'),
      el('p', {}, secretText), el('div', { class: 'inline' }, copyButton), copyStatus);

    const createButton = el('button', {
      type: 'button',
      onclick: async () => {
        const made = await run(createButton, () => ctx.post(`${base}/access-tokens`, { user: user.input.value.trim() }), { error: createError });
        if (!made.ok) return;
        user.input.value = '';
        secretText.textContent = made.value.token.token;
        created.heading.textContent = `Access token created: ${made.value.token.tokenId} for ${made.value.token.user}`;
        copyStatus.textContent = '';
        created.node.showModal();
      },
    }, 'Create Access Token');

    let last = [];
    let signature = '';
    function render(list, force = false) {
      last = list;
      const now = JSON.stringify([list, [...rowErrors]]);
      if (!force && now === signature) return;
      signature = now;
      rows.replaceChildren(...list.map((t) => {
        const revoke = el('button', { type: 'button', 'aria-label': `Revoke ${t.tokenId}` }, 'Revoke');
        revoke.addEventListener('click', async () => {
          rowErrors.delete(t.tokenId);
          const result = await run(revoke, () => ctx.post(`${base}/access-tokens/${encodeURIComponent(t.tokenId)}/revoke`));
          if (!result.ok) rowErrors.set(t.tokenId, errorText(result));
          render(last, true);
        });
        return el('tr', { 'aria-label': `${t.tokenId} ${t.user}` },
          el('td', {}, el('code', {}, t.tokenId)), el('td', {}, t.user), el('td', {}, badge(TOKEN_STATUS[t.status] ?? 'info', t.status)),
          el('td', {}, utcTime(t.createdAt)), el('td', {}, utcTime(t.lastUsedAt)), el('td', {}, utcTime(t.revokedAt)),
          el('td', {}, t.status === 'Active' ? revoke : '', el('p', { class: 'error', role: 'alert' }, rowErrors.get(t.tokenId) ?? '')));
      }));
      table.hidden = list.length === 0;
      empty.textContent = list.length === 0 ? 'No access tokens yet.' : '';
    }
    return {
      nodes: [
        el('h2', {}, 'Access Tokens'),
        el('p', {}, 'An access token lets a Clariti product in standard mode connect to Poly Lens for its user. It can be revoked.'),
        el('div', { role: 'group', 'aria-label': 'Create an access token' }, ...user.nodes, el('div', { class: 'inline' }, createButton), createError),
        table, empty,
      ],
      created: created.node,
      render,
    };
  }

  return async function update() {
    const [productList, entitlementList, tokenList] = await Promise.all([
      ctx.get(`${base}/products`), ctx.get(`${base}/entitlements`), ctx.get(`${base}/access-tokens`)]);
    // A new account has nothing yet: NOT_FOUND reads as empty lists.
    const failed = [productList, entitlementList, tokenList].find((r) => !r.ok && r.error !== 'NOT_FOUND');
    loadError.textContent = failed === undefined ? '' : errorText(failed);
    lastProducts = productList.ok ? productList.value.products : [];
    products.render(lastProducts);
    entitlements.render(entitlementList.ok ? entitlementList.value.entitlements : []);
    tokens.render(tokenList.ok ? tokenList.value.tokens : []);
  };
}

function entitlementText(entitlements) {
  const entries = Object.entries(entitlements);
  return entries.length === 0 ? 'none assigned' : entries.map(([f, c]) => `${f} ×${c}`).join(', ');
}

startPortal({ title: 'Poly Lens', mount });
