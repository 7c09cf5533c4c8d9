/* global document, location */
// The cloud beside the demo: once the scenario's `smartserver.portal.createCustomer` step has
// passed, the License Customer Portal of that customer in an iframe, signed in with the demo's
// administrator token, so the audience sees the cloud's counts (total, in the cloud, activated)
// change with each step. The Customer ID is drawn during the demo, so the panel asks the
// partner's customers by the name the step gave (GET /api/v1/smartserver/partners/:partner/customers?name=),
// the same question a script would ask.

import { errorText, request } from '/common/api.js';

const CREATE_CUSTOMER = 'smartserver.portal.createCustomer';

/**
 * `panel` is the element to fill; `token()` the administrator token. Returns `update(demo)`,
 * to call with each `GET /api/v1/demo` answer.
 */
export function portalPanel(panel, token) {
  const note = document.createElement('p');
  note.className = 'portal-note';
  note.setAttribute('role', 'status');
  let shownFor = null;
  let asking = false;
  let lastStatuses = '';

  const show = (customerId) => {
    if (customerId === shownFor) return;
    shownFor = customerId;
    panel.querySelector('iframe')?.remove();
    if (customerId === null) return;
    const frame = document.createElement('iframe');
    frame.title = 'License Customer Portal';
    // The shell takes the token and account from the fragment, keeps them for this tab and clears the address.
    frame.src = `/portal/smartserver/customer/#token=${encodeURIComponent(token())}&account=${encodeURIComponent(customerId)}`;
    panel.append(frame);
  };

  async function customerIdOf(partner, name) {
    const reply = await request('GET', `/api/v1/smartserver/partners/${encodeURIComponent(partner)}/customers?name=${encodeURIComponent(name)}`, undefined, token());
    if (!reply.ok) return { message: errorText(reply) };
    const { customers } = reply.value;
    return customers.length === 0 ? { message: `partner ${partner} has no customer ${name}` } : { customerId: customers[0].customerId };
  }

  // A step may change the cloud alone (an assignment), which the portal's live feed does not
  // report: once a step has run, the portal is asked to read the cloud again.
  const stepsRan = (demo) => {
    const statuses = demo.steps.map((s) => s.status).join();
    if (statuses === lastStatuses) return;
    lastStatuses = statuses;
    panel.querySelector('iframe')?.contentWindow?.postMessage({ type: 'fleetrig.refresh' }, location.origin);
  };

  panel.append(note);
  panel.hidden = true;
  return async function update(demo) {
    stepsRan(demo);
    const step = demo.steps.find((s) => s.kind === CREATE_CUSTOMER);
    panel.hidden = step === undefined;
    if (step === undefined) return;
    const { partner, name } = step.written ?? {};
    if (step.status !== 'passed') {
      note.textContent = `The License Customer Portal of ${name} appears here once step ${step.index + 1} has created the customer.`;
      show(null);
      return;
    }
    if (!token()) {
      note.textContent = `Paste the administrator token (below the steps) to see the License Customer Portal of ${name}.`;
      show(null);
      return;
    }
    if (shownFor !== null || asking) return;
    asking = true;
    const found = await customerIdOf(partner, name);
    asking = false;
    note.textContent = found.customerId === undefined ? `License Customer Portal of ${name}: ${found.message}` : `License Customer Portal of ${name}, Customer ID ${found.customerId}`;
    if (found.customerId !== undefined) show(found.customerId);
  };
}
