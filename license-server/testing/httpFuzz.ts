import { Agent, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';

/** One request as the fuzzer sends it: any method, path, headers and body bytes. */
export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer | undefined;
}

export interface FuzzReply {
  status: number;
  contentType: string;
  text: string;
}

/** A route as mounted: method and Express path (`/accounts/:accountId/licenses`). */
export interface FuzzRoute {
  method: string;
  path: string;
}

/**
 * Percent-encodings a client can get wrong: truncated (`%E0%A4%A`), not hex, overlong or
 * lone bytes that are not UTF-8, a NUL, an encoded slash or dot-dot.
 */
const brokenEscape = fc.constantFrom('%', '%E0%A4%A', '%zz', '%C3', '%FF%FE', '%C0%AF', '%ED%A0%80', '%00', '%2F..%2F', '%25', '%u0041', '..');
/** Characters Node lets into a request line as they are. */
const pathText = fc.stringMatching(/^[A-Za-z0-9._~!$&'()*+,;=:@-]{0,12}$/);
const param = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom('acme', 'lic-1', 'gw-001', 'reboot', 'x') },
  { weight: 3, arbitrary: pathText },
  { weight: 3, arbitrary: fc.tuple(pathText, brokenEscape, pathText).map(([a, b, c]) => `${a}${b}${c}`) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }).map((s) => encodeURIComponent(s)) },
);

/** The route's path with each `:param` (and any `*` tail) some value, broken or not, and maybe a query. */
export function fuzzPath(template: string): fc.Arbitrary<string> {
  const slots = template.split(/(:[A-Za-z0-9_]+|\*[A-Za-z0-9_]*)/);
  const parts = slots.map((slot) => (/^[:*]/.test(slot) ? param : fc.constant(slot)));
  const query = fc.option(fc.tuple(pathText, fc.oneof(pathText, brokenEscape)).map(([k, v]) => `?${k}=${v}`), { nil: '' });
  return fc.tuple(fc.tuple(...parts), query).map(([segments, q]) => `${segments.join('')}${q}`);
}

const json = fc.jsonValue({ maxDepth: 3 });
const bodyOf = fc.oneof(
  { weight: 3, arbitrary: json.map((v) => ({ bytes: Buffer.from(JSON.stringify(v)), kind: 'json' as const })) },
  { weight: 2, arbitrary: fc.dictionary(fc.constantFrom('accountId', 'hardwareId', 'licenseIds', 'items', 'user', 'roles', 'by', 'speed', 'position', 'requestCode', 'activationKey'), json, { maxKeys: 4 }).map((v) => ({ bytes: Buffer.from(JSON.stringify(v)), kind: 'json' as const })) },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }).map((s) => ({ bytes: Buffer.from(s), kind: 'text' as const })) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }).map((b) => ({ bytes: Buffer.from(b), kind: 'bytes' as const })) },
);
const contentType = fc.constantFrom(
  'application/json', 'application/json; charset=utf-8', 'application/json; charset=latin1', 'application/json; charset=utf-16',
  'application/json; charset=nope', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/*+json', ';;', '',
);
const contentEncoding = fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'x-unknown', 'gzip, gzip', 'GZIP', '');

/**
 * A request to one of `routes` (or a method it does not take): a path with random parameters,
 * random content type and encoding — sometimes matching the body, mostly not — and a body of
 * JSON, text or bytes; `authorization` one of `tokens`, a made-up one, or none.
 */
export function fuzzRequest(routes: readonly FuzzRoute[], tokens: readonly string[]): fc.Arbitrary<FuzzRequest> {
  const route = fc.constantFrom(...routes);
  const method = fc.oneof({ weight: 6, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD') });
  const auth = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...tokens.map((t) => `Bearer ${t}`)) },
    { weight: 1, arbitrary: fc.constantFrom('Bearer flt_nope', 'Basic abc', 'Bearer', '') },
  );
  return fc.record({ route, method, auth, body: fc.option(bodyOf, { nil: undefined }), type: fc.option(contentType, { nil: undefined }), encoding: fc.option(contentEncoding, { nil: undefined }), compress: fc.boolean() })
    .chain((r) => fuzzPath(r.route.path).map((path) => {
      const headers: Record<string, string> = {};
      if (r.auth !== '') headers.authorization = r.auth;
      let body = r.body?.bytes;
      if (body !== undefined) headers['content-type'] = r.type ?? (r.body!.kind === 'json' ? 'application/json' : 'text/plain');
      if (r.encoding !== undefined && r.encoding !== '') {
        headers['content-encoding'] = r.encoding;
        // Half the time the body really is gzip, so the decoder's other paths run too.
        if (body !== undefined && r.compress && r.encoding === 'gzip') body = gzipSync(body);
      }
      return { method: r.method ?? r.route.method, path, headers, body };
    }));
}

/** Sends requests to `server` (or a host and port) over one keep-alive agent, as a client library would. */
export function fuzzClient(server: Server | { host: string; port: number }): { send(req: FuzzRequest): Promise<FuzzReply>; close(): void } {
  const { host, port } = 'address' in server ? { host: '127.0.0.1', port: (server.address() as AddressInfo).port } : server;
  const agent = new Agent({ keepAlive: true, maxSockets: 4 });
  return {
    send(req) {
      return new Promise((resolve, reject) => {
        const headers = req.body === undefined ? req.headers : { ...req.headers, 'content-length': String(req.body.length) };
        const outgoing = request({ host, port, method: req.method, path: req.path, headers, agent }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), text: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        });
        outgoing.on('error', reject);
        outgoing.end(req.body);
      });
    },
    close: () => agent.destroy(),
  };
}

/**
 * Why `reply` breaks the error contract (docs/http.md, *Errors*), or undefined if it keeps it: no
 * 5xx, and every error a JSON `{ error, message }` with string fields.
 */
export function contractBreach(req: FuzzRequest, reply: FuzzReply): string | undefined {
  const what = `${req.method} ${req.path} ${JSON.stringify(req.headers)} → ${reply.status} ${reply.text.slice(0, 200)}`;
  if (reply.status >= 500) return `a 5xx: ${what}`;
  if (reply.status < 400 || req.method === 'HEAD') return undefined;
  if (!reply.contentType.startsWith('application/json')) return `an error that is not JSON: ${what}`;
  let body: unknown;
  try {
    body = JSON.parse(reply.text);
  } catch {
    return `an error body that does not parse: ${what}`;
  }
  const { error, message } = (body ?? {}) as { error?: unknown; message?: unknown };
  if (typeof error !== 'string' || typeof message !== 'string') return `an error without {error, message}: ${what}`;
  return undefined;
}
