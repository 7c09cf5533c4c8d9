// [PC-7] A managed audio device's enrolment page, after the cloud device-management licensing
// guide: the installer types the account's Account ID and provisioning token (from the Poly Cloud
// Services portal) and presses Enroll; the page then shows which account manages the device and
// since when, its last heartbeat, and the service's last refusal in its own words (e.g.
// MANAGED_DEVICE_LIMIT when the account's Managed Device licenses are used up). Every control
// calls the device API, which calls the device's own enroll / unenroll / heartbeat.

import { el } from '/common/api.js';

const badge = (tone, text) => el('span', { class: `badge ${tone}` }, text);

/** A virtual instant as the API gives it (epoch ms), shown in UTC to the second. */
function instant(ms) {
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** The page has its own Reboot (beside what needs one), so device.js adds none. */
export const hasReboot = true;

export function mount(root, ctx) {
  const { run, errorText } = ctx;


  const hardware = el('span', { id: 'audio-hardware-id' });
  const managed = el('p', { id: 'audio-managed' });
  /** A term and its value; the value is labelled by the term, so a test or reader finds it by name. */
  const fact = (id, term) => [el('dt', { id: `${id}-term` }, term), el('dd', { id, 'aria-labelledby': `${id}-term` })];
  const [accountTerm, account] = fact('audio-account', 'Account');
  const [sinceTerm, since] = fact('audio-since', 'Enrolled since');
  const [heartbeatTerm, heartbeat] = fact('audio-heartbeat', 'Last heartbeat');
  const [errorTerm, lastError] = fact('audio-last-error', 'Last error');
  const nvram = el('p', { class: 'notice' });
  const facts = el('dl', { class: 'audio-facts', 'aria-label': 'Managed state' },
    accountTerm, account, sinceTerm, since, heartbeatTerm, heartbeat, errorTerm, lastError);

  const accountBox = el('input', { id: 'audio-account-id', type: 'text', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': 'audio-enroll-error' });
  const tokenBox = el('input', { id: 'audio-provisioning-token', type: 'text', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': 'audio-enroll-error' });
  const enrollError = el('p', { class: 'error', role: 'alert', id: 'audio-enroll-error' });
  const enrollDone = el('p', { class: 'done', role: 'status' });
  const usage = (u) => `${u.used} of ${u.allowed} Managed Devices in use`;
  const enrollButton = el('button', { type: 'submit' }, 'Enroll');
  const enrollForm = el('form', { role: 'group', 'aria-labelledby': 'audio-enroll-heading' },
    el('h3', { id: 'audio-enroll-heading' }, 'Enrolment'),
    el('p', {}, 'Type the Account ID and provisioning token the account\u2019s Device Admin reads in the Poly Cloud Services portal.'),
    el('label', { for: 'audio-account-id' }, 'Account ID'), accountBox,
    el('label', { for: 'audio-provisioning-token' }, 'Provisioning token'), tokenBox,
    el('div', { class: 'inline' }, enrollButton),
    enrollError, enrollDone);
  enrollForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    await run(enrollButton, 'enroll', { accountId: accountBox.value, provisioningToken: tokenBox.value }, {
      error: enrollError, done: enrollDone, describe: (d) => `Enrolled with ${d.accountId}: ${usage(d.usage)}.`,
    });
  });

  const manageError = el('p', { class: 'error', role: 'alert' });
  const manageDone = el('p', { class: 'done', role: 'status' });
  const unenrollButton = el('button', {
    type: 'button',
    onclick: () => run(unenrollButton, 'unenroll', {}, { error: manageError, done: manageDone, describe: (d) => `Unenrolled from ${d.accountId}.` }),
  }, 'Unenroll');
  const heartbeatButton = el('button', {
    type: 'button',
    onclick: () => run(heartbeatButton, 'heartbeat', {}, {
      error: manageError, done: manageDone,
      describe: (d) => (d.enrolled ? 'Heartbeat answered: the service still manages this device.' : 'Heartbeat answered: the service does not manage this device.'),
    }),
  }, 'Send heartbeat');
  const rebootButton = el('button', {
    type: 'button',
    onclick: () => run(rebootButton, 'reboot', {}, { error: manageError, done: manageDone, describe: () => 'Rebooting: the enrolment is kept in NVRAM.' }),
  }, 'Reboot');

  root.replaceChildren(
    el('section', { class: 'panel', 'aria-labelledby': 'audio-heading' },
      el('h2', { id: 'audio-heading' }, 'Device management'),
      el('p', {}, 'Hardware ID: ', hardware),
      managed, nvram, facts,
      el('div', { role: 'group', 'aria-labelledby': 'audio-manage-heading' },
        el('h3', { id: 'audio-manage-heading' }, 'Managed device'),
        el('p', {}, 'While enrolled the device sends a heartbeat every 7 days by itself; a heartbeat the service answers \u201cnot enrolled\u201d drops the enrolment.'),
        el('div', { class: 'inline' }, heartbeatButton, unenrollButton, rebootButton),
        manageError, manageDone)),
    el('section', { class: 'panel' }, enrollForm),
  );

  return function render(device) {
    const { state, view } = device;
    hardware.textContent = state.hardwareId;
    const running = state.state === 'running';
    const enrollment = view.enrollment;
    managed.replaceChildren(!running ? badge('off', 'Not running: the enrolment shows once the device runs')
      : enrollment === null ? badge('warn', 'Not enrolled') : el('span', {}, badge('ok', 'Enrolled'), ` with account ${enrollment.accountId}`));
    account.textContent = enrollment?.accountId ?? 'none';
    since.textContent = enrollment === null ? '\u2014' : instant(enrollment.since);
    heartbeat.textContent = view.lastHeartbeatAt === null ? 'none yet' : instant(view.lastHeartbeatAt);
    lastError.replaceChildren(view.lastError === null ? badge('ok', 'None')
      : el('span', {}, badge('bad', 'Refused'), ' ', errorText(view.lastError)));
    nvram.textContent = state.nvramProblem === null || state.nvramProblem === undefined ? '' : `NVRAM could not be read at boot: ${state.nvramProblem}`;
  };
}
