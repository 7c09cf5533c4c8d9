// [SS-7] The SmartServer CMS's Devices widget (smartserver.js mounts it): the LON, BACnet and
// Modbus devices unlicensed (purple), unprovisioned (blue) or provisioned (green), each colour
// with its word, and Provision. After the vendor's guide: "When licenses are transferred to the
// cloud, LON, BACnet, and Modbus devices will appear in an unlicensed (purple) state."

import { el } from '/common/api.js';

/** The widget's colours (fleetrig.css's --field-* in smartserver.css), each with its word. */
const COLOUR = {
  unlicensed: 'Unlicensed (purple)',
  unprovisioned: 'Unprovisioned (blue)',
  provisioned: 'Provisioned (green)',
};
const swatch = (status) => el('span', { class: `field-state ${status}` }, COLOUR[status] ?? status);

/**
 * [SS-7] The Devices widget: every LON, BACnet and Modbus device in its colour and word, the
 * counts per colour, Provision (one, or all the capacity allows), and adding devices.
 */
export function devicesWidget(run, errorText) {
  const counts = el('ul', { class: 'field-counts', 'aria-label': 'Field devices by state' });
  const rows = el('tbody');
  const list = el('div', { class: 'field-list' }, el('table', { 'aria-label': 'Field devices' },
    el('thead', {}, el('tr', {}, ...['Device', 'Protocol', 'State', 'Action'].map((h) => el('th', { scope: 'col' }, h)))), rows));
  const none = el('p', {}, 'No field devices yet: add some below.');
  let signature = '';
  const rowErrors = new Map();
  let last = { state: null, devices: [] };

  const widgetError = el('p', { class: 'error', role: 'alert' });
  const widgetDone = el('p', { class: 'done', role: 'status' });
  const provisionAll = el('button', {
    type: 'button',
    onclick: () => run(provisionAll, 'field-devices-provision', { devices: 'all' }, {
      error: widgetError, done: widgetDone,
      describe: (v) => `Provisioned ${v.provisioned.length}${v.refused > 0 ? `; ${v.refused} left unprovisioned: the device capacity is used up` : ''}.`,
    }),
  }, 'Provision all');

  const protocol = el('select', { id: 'ss-add-protocol' }, ...['LON', 'BACnet', 'Modbus'].map((p) => el('option', { value: p }, p)));
  const count = el('input', { id: 'ss-add-count', type: 'number', min: 1, max: 500, value: 10, 'aria-describedby': 'ss-add-error' });
  const addError = el('p', { class: 'error', role: 'alert', id: 'ss-add-error' });
  const addDone = el('p', { class: 'done', role: 'status' });
  const addButton = el('button', {
    type: 'button',
    onclick: () => run(addButton, 'field-devices-add', { protocol: protocol.value, count: Number(count.value) }, {
      error: addError, done: addDone, describe: (v) => `Added ${v.added.length} ${protocol.value} devices (${v.added[0]} …).`,
    }),
  }, 'Add field devices');

  function deviceRow(d) {
    const action = [];
    if (d.status !== 'provisioned') {
      const button = el('button', { type: 'button', 'aria-label': `Provision ${d.name}` }, 'Provision');
      button.addEventListener('click', async () => {
        rowErrors.delete(d.name);
        const result = await run(button, 'field-devices-provision', { devices: [d.name] });
        if (!result.ok) rowErrors.set(d.name, errorText(result));
        render(last.state, last.devices);
      });
      action.push(button);
    }
    const error = rowErrors.get(d.name);
    if (error) action.push(el('p', { class: 'error', role: 'alert' }, error));
    return el('tr', { 'aria-label': d.name, class: `field-row ${d.status}` },
      el('td', {}, d.name), el('td', {}, d.protocol), el('td', {}, swatch(d.status)), el('td', {}, ...action));
  }

  function render(state, devices) {
    last = { state, devices };
    const tally = state.fieldDevices;
    counts.replaceChildren(...Object.keys(COLOUR).map((status) => el('li', {}, swatch(status), ` ${tally[status] ?? 0}`)),
      el('li', {}, `Total ${tally.total}`));
    // Rows are rebuilt only when they change, so a refresh does not take the focus away.
    const now = JSON.stringify([devices, [...rowErrors]]);
    if (now !== signature) {
      signature = now;
      rows.replaceChildren(...devices.map(deviceRow));
    }
    list.hidden = devices.length === 0;
    none.hidden = devices.length > 0;
  }

  return {
    section: el('section', { class: 'panel', 'aria-labelledby': 'ss-devices-heading' },
      el('h2', { id: 'ss-devices-heading' }, 'Devices'),
      el('p', {}, 'After a transfer to the cloud the devices are unlicensed (purple); once a license is activated they are unprovisioned (blue) '
        + 'until provisioned by hand (green), as far as the device capacity goes.'),
      counts,
      el('div', { class: 'inline' }, provisionAll),
      widgetError, widgetDone,
      list, none,
      el('div', { role: 'group', 'aria-labelledby': 'ss-add-heading' },
        el('h3', { id: 'ss-add-heading' }, 'Add field devices'),
        el('div', { class: 'inline' },
          el('label', { for: 'ss-add-protocol' }, 'Protocol'), protocol,
          el('label', { for: 'ss-add-count' }, 'Count'), count,
          addButton),
        addError, addDone)),
    render,
  };
}
