import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';

export interface HttpReply {
  status: number;
  body: Record<string, unknown>;
  /** The response's headers, lower-case names; not compared by `toMatchObject` unless named. */
  headers?: Record<string, string>;
}

export interface HttpTestClient {
  /**
   * Sends a request under the base path over real HTTP: `body` as JSON, or `raw` text as it is
   * (for bodies that are not valid JSON); either one sets `content-type: application/json`
   * unless `headers` says otherwise. Sends the client's bearer token, if it has one, unless
   * `headers` gives an `authorization` of its own.
   */
  call(method: string, path: string, body?: unknown, raw?: string, headers?: Record<string, string>): Promise<HttpReply>;
  close(): Promise<void>;
}

/**
 * Serves `app` on a free loopback port for a test and returns a client for `basePath`, which
 * authenticates with `token` (a secret from `TestServer.token` or the server's bootstrap token).
 */
export async function serveForTest(app: Express, basePath: string, options: { token?: string } = {}): Promise<HttpTestClient> {
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { call } = httpClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}${basePath}`, options);
  return { call, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** A client for an API already listening at `base` (a running `fleetrig serve`, say), as `serveForTest` gives. */
export function httpClient(base: string, options: { token?: string } = {}): Pick<HttpTestClient, 'call'> {
  return {
    async call(method, path, body, raw, given = {}) {
      const payload = raw ?? (body === undefined ? undefined : JSON.stringify(body));
      const auth: Record<string, string> = options.token === undefined ? {} : { authorization: `Bearer ${options.token}` };
      const headers = { ...auth, ...given };
      const response = await fetch(`${base}${path}`, {
        method,
        headers: payload === undefined ? headers : { 'content-type': 'application/json', ...headers },
        body: payload,
      });
      const json = (await response.json()) as Record<string, unknown>;
      return Object.defineProperty({ status: response.status, body: json }, 'headers', { value: Object.fromEntries(response.headers), enumerable: false }) as HttpReply;
    },
  };
}
