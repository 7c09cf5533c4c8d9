import express, { type ErrorRequestHandler, type Express } from 'express';
import type { AuditEntry } from '../core/types.ts';
import type { GatewayPortal } from '../portals/gateway/GatewayPortal.ts';
import type { DevicemgmtPortal } from '../portals/devicemgmt/DevicemgmtPortal.ts';
import type { SmartServerPortal } from '../portals/smartserver/SmartServerPortal.ts';
import type { VideoPortal } from '../portals/video/VideoPortal.ts';
import { auditRouter } from './auditRouter.ts';
import { gatewayRouter } from './gatewayRouter.ts';
import { devicemgmtRouter } from './devicemgmtRouter.ts';
import { smartserverRouter } from './smartserverRouter.ts';
import { videoRouter } from './videoRouter.ts';
import { sendFailure } from './respond.ts';

export interface HttpApiOptions {
  gateway: GatewayPortal;
  /** PC-*: routes under /api/v1/devicemgmt when given. */
  devicemgmt?: DevicemgmtPortal;
  /** SS-*: routes under /api/v1/smartserver when given. */
  smartserver?: SmartServerPortal;
  /** CL-*: routes under /api/v1/video when given. */
  video?: VideoPortal;
  readAudit: (options: { afterSeq?: number; limit?: number }) => Promise<AuditEntry[]>;
  /** Largest accepted JSON body; `10mb` by default (an order for a large fleet is big). */
  bodyLimit?: string;
}

export const API_PREFIX = '/api/v1';

/**
 * The portal API under /api/v1, one router per portal. Every error is `{ error, message }`
 * with a 4xx status: unparsable JSON and oversized bodies too, and unknown routes; only a
 * fault inside the server is a 500.
 */
export function createHttpApi(options: HttpApiOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: options.bodyLimit ?? '10mb' }));
  app.use(API_PREFIX, gatewayRouter(options.gateway));
  if (options.devicemgmt) app.use(API_PREFIX, devicemgmtRouter(options.devicemgmt));
  if (options.smartserver) app.use(API_PREFIX, smartserverRouter(options.smartserver));
  if (options.video) app.use(API_PREFIX, videoRouter(options.video));
  app.use(API_PREFIX, auditRouter(options.readAudit));
  app.use((req, res) => {
    sendFailure(res, { code: 'NOT_FOUND', message: `no route ${req.method} ${req.path}` });
  });
  app.use(errorHandler);
  return app;
}

const errorHandler: ErrorRequestHandler = (error: { type?: string; message?: string }, _req, res, _next) => {
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
