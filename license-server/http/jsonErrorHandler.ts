import type { ErrorRequestHandler } from 'express';
import { sendFailure } from './respond.ts';

/**
 * The last handler of an express app that answers JSON: a body that is not JSON, too large or
 * unreadable is a `{error, message}` 4xx like every other refusal, never express's HTML page.
 */
export const jsonErrorHandler: ErrorRequestHandler = (error: { type?: string; message?: string }, _req, res, _next) => {
  if (error.type === 'entity.parse.failed') {
    sendFailure(res, { code: 'BAD_REQUEST', message: `request body is not valid JSON: ${error.message}`, where: '(root)' });
  } else if (error.type === 'entity.too.large') {
    sendFailure(res, { code: 'PAYLOAD_TOO_LARGE', message: 'request body is larger than the server accepts' });
  } else if (typeof error.type === 'string' && error.type.startsWith('entity.') || error.type === 'charset.unsupported' || error.type === 'encoding.unsupported') {
    sendFailure(res, { code: 'BAD_REQUEST', message: `request body could not be read: ${error.message}` });
  } else {
    sendFailure(res, { code: 'INTERNAL', message: `the server failed: ${error.message ?? String(error)}` });
  }
};
