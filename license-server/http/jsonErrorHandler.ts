import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Failure } from '../../protocol/result.ts';
import type { LicenseServerErrorCode } from './failureStatus.ts';
import { sendFailure } from './respond.ts';

/** What express, its router and body-parser hang on the errors they raise. */
interface RaisedError {
  type?: string;
  status?: number;
  statusCode?: number;
  message?: string;
}

/** Told of a fault inside the server (a 500), with the request it failed: for the service's log. */
export type ServerFaultListener = (fault: { method: string; path: string; message: string; error: unknown }) => void;

/**
 * The refusal for an error express or body-parser raised because of what the client sent; undefined
 * for anything else, which is the server's own fault. Each names the part of the request at fault.
 */
export function clientFault(error: RaisedError): Failure<LicenseServerErrorCode> | undefined {
  const message = error.message ?? 'the request could not be read';
  switch (error.type) {
    case 'entity.parse.failed':
      return { code: 'BAD_REQUEST', message: `request body is not valid JSON: ${message}`, where: '(root)' };
    case 'entity.too.large':
      return { code: 'PAYLOAD_TOO_LARGE', message: 'request body is larger than the server accepts', where: '(root)' };
    case 'encoding.unsupported':
      return { code: 'UNSUPPORTED_MEDIA_TYPE', message: `request body's Content-Encoding is not served (identity, gzip, deflate, br are): ${message}`, where: 'content-encoding' };
    case 'charset.unsupported':
      return { code: 'UNSUPPORTED_MEDIA_TYPE', message: `request body's charset is not served (a JSON body is UTF-8, -16 or -32): ${message}`, where: 'content-type' };
    default:
      break;
  }
  const status = error.status ?? error.statusCode;
  if (status === undefined || status < 400 || status >= 500) return undefined;
  // The router's malformed percent-encoding of a path parameter (`%E0%A4%A`).
  if (error instanceof URIError) return { code: 'BAD_REQUEST', message: `request path is not valid percent-encoded UTF-8: ${message}`, where: 'path' };
  // Everything else raised at 4xx is body-parser's: a body that does not decompress (zlib's error,
  // for `content-encoding: gzip` over plain text), a Content-Length it does not match, a request
  // aborted while it was read. (The static pages fall through on their 4xx, raising none.)
  if (status === 413) return { code: 'PAYLOAD_TOO_LARGE', message: `request body could not be read: ${message}`, where: '(root)' };
  if (status === 415) return { code: 'UNSUPPORTED_MEDIA_TYPE', message: `request body could not be read: ${message}`, where: 'content-type' };
  return { code: 'BAD_REQUEST', message: `request body could not be read: ${message}`, where: '(root)' };
}

/**
 * The last handler of an express app that answers JSON: an error the client caused (a body that
 * is not JSON, too large, badly encoded or unreadable, a path that does not decode) is a
 * `{error, message, where}` 4xx like every other refusal, never express's HTML page. Anything
 * else is the server's fault: 500 INTERNAL, and `onFault` is told so it is logged.
 */
export function jsonErrorHandler(onFault?: ServerFaultListener): ErrorRequestHandler {
  return (error: RaisedError, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const refusal = clientFault(error);
    if (refusal !== undefined) {
      sendFailure(res, refusal);
      return;
    }
    const message = error.message ?? String(error);
    onFault?.({ method: req.method, path: req.originalUrl, message, error });
    sendFailure(res, { code: 'INTERNAL', message: `the server failed: ${message}` });
  };
}

/**
 * OPTIONS is not a method of the rig's API (it serves no cross-origin pages, so there is no CORS
 * preflight to answer): a JSON 405 on every path, before express's router answers it in plain
 * text. It sends no `Allow`: the apps mount routers whose methods per path only express knows,
 * and a list that is wrong for the path would mislead more than none; docs/http.md lists them.
 */
export const refuseOptions: RequestHandler = (req, res, next) => {
  if (req.method !== 'OPTIONS') {
    next();
    return;
  }
  sendFailure(res, { code: 'METHOD_NOT_ALLOWED', message: `OPTIONS ${req.path}: the rig answers no OPTIONS (no cross-origin requests); docs/http.md lists each route's method`, where: 'method' });
};
