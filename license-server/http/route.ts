import type { Actor } from '../auth/Actor.ts';
import type { Result } from '../core/result.ts';
import type { RouteAccess } from './RouteAccess.ts';

export type HttpMethod = 'get' | 'post' | 'put' | 'delete';

/** What a route hands its operation: one input object, and who is asking. */
export interface RouteRequest {
  /**
   * The JSON body (the query string for GET) with the path parameters written over it. The
   * operation validates it with its own schema, so each input is described once, where it is
   * used. A body that is not an object is passed on as it is, for the operation to refuse at `(root)`.
   */
  readonly input: unknown;
  /** The path parameters alone, as Express decoded them. */
  readonly params: Readonly<Record<string, string>>;
  /** The bearer token's holder, resolved once by the HTTP layer; null on a public route. */
  readonly actor: Actor | null;
}

/** One HTTP route of a portal: method, path under the portal's mount, and the operation it runs. */
export interface Route<F> {
  readonly method: HttpMethod;
  /** Express path syntax, e.g. `/licenses/:licenseId/move`. */
  readonly path: string;
  /** Status of a success; 200 unless given. */
  readonly status: number;
  /**
   * Whether a request without a JSON body is refused before the operation runs (400 at
   * `(root)`); `required` for POST and PUT unless the route says `optional`.
   */
  readonly body: 'required' | 'optional';
  /** Who may call it; checked before the body is read (RouteAccess.ts). */
  readonly access: RouteAccess;
  run(facet: F, request: RouteRequest): Promise<Result<unknown>>;
}

export interface RouteOptions<T> {
  /** Required, so that no route is served without saying who may call it. */
  access: RouteAccess;
  /** Shapes a success into the response body; the value itself when omitted. */
  reply?: (value: T) => unknown;
  status?: number;
  body?: 'required' | 'optional';
}

/**
 * A route: `route('post', '/licenses/:licenseId/move', (gw, { input }) => gw.move(input), { access: { role: 'Customer' }, reply: (license) => ({ license }) })`.
 */
export function route<F, T>(
  method: HttpMethod,
  path: string,
  run: (facet: F, request: RouteRequest) => Promise<Result<T>>,
  options: RouteOptions<T>,
): Route<F> {
  const reply = options.reply ?? ((value: T) => value);
  return {
    method,
    path,
    status: options.status ?? 200,
    body: options.body ?? (method === 'post' || method === 'put' ? 'required' : 'optional'),
    access: options.access,
    async run(facet, request) {
      const result = await run(facet, request);
      return result.ok ? { ok: true, value: reply(result.value) } : result;
    },
  };
}

/**
 * `route` with the input passed to the operation as it is: the common case,
 * `opRoute('post', '/licenses/:licenseId/move', (gw: GatewayPortal, input) => gw.move(input), { access })`.
 * The input is typed `never` on purpose: it is unchecked JSON, and only the operation's own
 * schema may decide what it is, so it type-checks against any operation's input.
 */
export function opRoute<F, T>(
  method: HttpMethod,
  path: string,
  run: (facet: F, input: never) => Promise<Result<T>>,
  options: RouteOptions<T>,
): Route<F> {
  return route<F, T>(method, path, (facet, request) => run(facet, request.input as never), options);
}
