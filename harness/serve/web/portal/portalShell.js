/* global document, sessionStorage, setTimeout, clearTimeout, setInterval, window, location */
/* eslint-disable no-restricted-globals -- a page in the browser throttles its refreshes on wall time */
// What every vendor portal page shares: signing in with a portal user's token (any token the
// administrator minted, POST /api/v1/tokens; the administrator's own works too), showing who is
// signed in (GET /api/v1/session), the account the page acts for, and refreshing the page by
// itself when the live feed says the fleet changed — a device activating or transferring
// licenses changes what the portal shows. A portal module only says what its page shows and does.

import { connectLive } from '/common/liveClient.js';
import { el, errorText, fromAddress, oneAtATime, request, storedToken, storeToken, takeTokenFromAddress, TOKEN_KEYS } from '/common/api.js';

const ACCOUNT_KEY = 'fleetrig.portalAccount';
/** At most one refresh per this many milliseconds while the fleet changes, however busy it is. */
const REFRESH_THROTTLE_MS = 300;
/**
 * And one this often regardless: what another portal user does in the cloud alone (an
 * assignment, a new access token) changes no device, so the live feed does not carry it.
 */
const POLL_MS = 2000;

/**
 * Starts a portal page. `portal.mount(root, ctx)` builds the page once signed in and returns
 * `update()`, which reads the API again and redraws; ctx gives:
 * - `session`: `{ tokenId, user, roles, accountId }` of the signed-in token;
 * - `accountId`: the account the page acts for (the token's own, or the one typed in when the
 *   token is tied to none, as the administrator's is);
 * - `get(path)`, `post(path, body)`, `put(path, body)`: the API under /api/v1, resolving to
 *   `{ ok, value }` or `{ ok: false, error, message, where }`;
 * - `errorText(failure)`, `el(tag, attrs, ...children)`, and `refresh()` to redraw at once.
 */
export async function startPortal(portal) {
  // A link may hand over the account too (`#token=…&account=acme`), as the demo page's does.
  const account = fromAddress('account');
  if (account !== null) sessionStorage.setItem(ACCOUNT_KEY, account);
  takeTokenFromAddress(TOKEN_KEYS.portal);
  document.title = `${portal.title} — fleetrig`;
  const token = () => storedToken(TOKEN_KEYS.portal);
  const call = (method) => (path, body) => request(method, `/api/v1${path}`, body, token());
  const status = el('p', { id: 'portal-session', role: 'status', 'aria-live': 'polite' });
  const signInError = el('p', { class: 'error', role: 'alert' });
  const tokenInput = el('input', { id: 'portal-token', type: 'password', autocomplete: 'off', spellcheck: 'false' });
  const signInForm = el('form', { class: 'inline', 'aria-label': 'Sign in' },
    el('label', { for: 'portal-token' }, 'Portal user token'), tokenInput, el('button', { type: 'submit' }, 'Sign in'));
  const signOut = el('button', { type: 'button', hidden: true }, 'Sign out');
  const accountInput = el('input', { id: 'portal-account', autocomplete: 'off', spellcheck: 'false', value: sessionStorage.getItem(ACCOUNT_KEY) ?? '' });
  const accountForm = el('form', { class: 'inline', 'aria-label': 'Account', hidden: true },
    el('label', { for: 'portal-account' }, portal.accountLabel ?? 'Account ID'), accountInput, el('button', { type: 'submit' }, 'Open'));
  const root = el('main', { id: 'portal-page' });
  document.body.replaceChildren(
    el('header', { class: 'bar' }, el('h1', {}, portal.title), el('p', {}, el('a', { href: '/portal/' }, 'Portals')), el('p', {}, el('a', { href: '/' }, 'Fleet'))),
    el('section', { class: 'panel', 'aria-label': 'Portal user' }, signInForm, accountForm, status, signOut, signInError),
    root,
  );

  let update = null;
  let timer;
  const redraw = oneAtATime(async () => {
    if (update !== null) await update();
  });
  const refresh = async () => {
    clearTimeout(timer);
    timer = undefined;
    await redraw();
  };
  const refreshSoon = () => {
    if (timer === undefined && update !== null) timer = setTimeout(refresh, REFRESH_THROTTLE_MS);
  };
  setInterval(() => document.visibilityState === 'visible' && refreshSoon(), POLL_MS);
  // Another page on this origin (the demo page around a portal in a frame) may ask for a redraw at once.
  window.addEventListener('message', (event) => {
    if (event.origin === location.origin && event.data?.type === 'fleetrig.refresh') void refresh();
  });

  async function open() {
    update = null;
    root.replaceChildren();
    const session = token() === null ? null : await call('GET')('/session');
    const signedIn = session !== null && session.ok;
    signInForm.hidden = signedIn;
    signOut.hidden = !signedIn;
    if (session !== null && !session.ok) {
      signInError.textContent = errorText(session);
      // Only a token the service refuses is forgotten; an unreachable service keeps it for the next try.
      if (session.status === 401) storeToken(TOKEN_KEYS.portal, null);
    }
    if (!signedIn) {
      accountForm.hidden = true;
      status.textContent = 'Not signed in: paste a portal user\u2019s token (fleetrig serve prints the administrator\u2019s).';
      return;
    }
    signInError.textContent = '';
    const who = session.value.session;
    // A token tied to an account acts for it alone; one tied to none (the administrator's) picks one.
    accountForm.hidden = who.accountId !== null;
    const accountId = who.accountId ?? (accountInput.value.trim() || null);
    status.textContent = `Signed in as ${who.user} (${who.roles.join(', ')})${accountId === null ? '' : `, ${portal.accountLabel ?? 'account'} ${accountId}`}`;
    if (accountId === null) {
      root.append(el('p', {}, `Type the ${portal.accountLabel ?? 'account ID'} to open.`));
      return;
    }
    update = portal.mount(root, { session: who, accountId, get: call('GET'), post: call('POST'), put: call('PUT'), errorText, el, refresh });
    await refresh();
  }

  signInForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    storeToken(TOKEN_KEYS.portal, tokenInput.value.trim() || null);
    tokenInput.value = '';
    await open();
  });
  signOut.addEventListener('click', async () => {
    storeToken(TOKEN_KEYS.portal, null);
    await open();
  });
  accountForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    sessionStorage.setItem(ACCOUNT_KEY, accountInput.value.trim());
    await open();
  });
  connectLive({ onSnapshot: refreshSoon, onMessage: (message) => message.type === 'change' && refreshSoon() });
  await open();
}
