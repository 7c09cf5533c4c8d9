/* global document, location, history, sessionStorage, fetch */
// The pages' one way to call fleetrig's HTTP API: a bearer token kept for this tab, the API's
// own words for a refusal. Device pages and the demo sign in as the administrator; portal pages
// as a portal user (any token the administrator minted with POST /api/v1/tokens).

/** Where a page keeps its token for this tab: the administrator's, or a portal user's. */
export const TOKEN_KEYS = { administrator: 'fleetrig.administratorToken', portal: 'fleetrig.portalToken' };

/** A value handed over in the address's fragment (`#token=flt_…&account=acme`), or null. */
export function fromAddress(name) {
  const match = new RegExp(`(?:^#|&)${name}=([^&]+)`).exec(location.hash);
  return match === null ? null : decodeURIComponent(match[1]);
}

/** Takes a token handed over in the address (`#token=flt_…`) into `key`, and clears the fragment. */
export function takeTokenFromAddress(key) {
  const token = fromAddress('token');
  if (token === null) return;
  sessionStorage.setItem(key, token);
  history.replaceState(null, '', location.pathname + location.search);
}

export const storedToken = (key) => sessionStorage.getItem(key);
export const storeToken = (key, token) => (token === null ? sessionStorage.removeItem(key) : sessionStorage.setItem(key, token));

/**
 * One request; resolves with `{ ok: true, value }` or `{ ok: false, status, error, message, where? }`
 * — never throws, so a page shows every refusal where the user acted.
 */
export async function request(method, path, body, bearer) {
  const headers = { accept: 'application/json' };
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (error) {
    return { ok: false, status: 0, error: 'UNREACHABLE', message: `fleetrig did not answer: ${error.message}` };
  }
  const answer = await response.json().catch(() => ({ error: 'BAD_REPLY', message: `HTTP ${response.status} with a body that is not JSON` }));
  return response.ok ? { ok: true, status: response.status, value: answer } : { ok: false, status: response.status, ...answer };
}

/** The words a page shows for a refusal: the API's code and message, as it sent them. */
export function errorText(failure) {
  return failure.where === undefined ? `${failure.error}: ${failure.message}` : `${failure.error}: ${failure.message} (at ${failure.where})`;
}

/** Builds an element; `on…` attributes become listeners, children are nodes or text (never parsed as HTML). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === undefined || value === null) continue;
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  node.append(...children.flat());
  return node;
}

/**
 * `work` (a page's read-and-redraw) one run at a time: a call while one runs is folded into one
 * more run after it, so a slow answer is never drawn over a newer one, and a caller that awaits
 * (an action's refresh) resumes once a read begun after its call has been drawn.
 */
export function oneAtATime(work) {
  let running = null;
  let again = false;
  const loop = async () => {
    do {
      again = false;
      await work();
    } while (again);
  };
  return () => {
    if (running !== null) {
      again = true;
      return running;
    }
    running = loop().finally(() => {
      running = null;
    });
    return running;
  };
}

/**
 * Runs `work` on the form's submit, one submission at a time: the submit button is disabled
 * until it is done and a second Enter or click meanwhile does nothing, so a double-click on a
 * projector's remote cannot send the same request twice.
 */
export function onSubmit(form, work) {
  let busy = false;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    busy = true;
    const button = form.querySelector('button[type=submit]');
    if (button) button.disabled = true;
    try {
      await work(event);
    } finally {
      busy = false;
      if (button) button.disabled = false;
    }
  });
}
