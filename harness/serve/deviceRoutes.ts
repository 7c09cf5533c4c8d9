import express, { Router, type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import { isoTime } from '../../emulator/clock/Clock.ts';
import { DeviceErrorCode } from '../../firmware-sim/shared/DeviceErrorCode.ts';
import { SmartServerErrorCode } from '../../firmware-sim/smartserver/SmartServerErrorCode.ts';
import { HTTP_STATUS } from '../../license-server/http/failureStatus.ts';
import { parseValue } from '../../protocol/messages/envelope.ts';
import { ErrorCode } from '../../protocol/errorCodes.ts';
import { fail, ok, type Failure } from '../../protocol/result.ts';
import type { DeviceHandle, World } from '../runner/World.ts';
import { audioDevicePage } from './deviceRoutesAudio.ts';
import type { DeviceAction, DevicePageFamily } from './devicePageFamily.ts';
import { gatewayDevicePage } from './deviceRoutesGateway.ts';
import { smartserverDevicePage } from './deviceRoutesSmartServer.ts';
import { videoDevicePage } from './deviceRoutesVideo.ts';

export type { DeviceAction, DevicePageFamily } from './devicePageFamily.ts';

/** Families with pages of their own; a device of another family still gets its snapshot and `reboot`. */
export const DEVICE_PAGE_FAMILIES: Readonly<Record<string, DevicePageFamily>> = {
  gateway: gatewayDevicePage,
  smartserver: smartserverDevicePage,
  video: videoDevicePage,
  audio: audioDevicePage,
};

const emptyBody = z.object({}).strict();

/** Every family: pull the board's reset line, as the `reset` step and the console's `reboot` do. */
const reboot: DeviceAction = {
  body: emptyBody,
  run(device) {
    if (device.appliance.snapshot().state === 'off') {
      return fail(DeviceErrorCode.NotRunning, `reboot: ${device.id} is off; there is nothing to reboot`);
    }
    device.board.reset();
    return ok({ rebooting: device.id });
  },
};

/** HTTP status of a device operation's refusal: the API's own table, then the device's codes. */
const DEVICE_STATUS: Readonly<Record<string, number>> = {
  [DeviceErrorCode.NotRunning]: 409,
  [DeviceErrorCode.LicenseLimit]: 409,
  [DeviceErrorCode.PowerLoss]: 409,
  [DeviceErrorCode.NvramWriteFailed]: 500,
  [DeviceErrorCode.BadReply]: 502,
  [ErrorCode.Timeout]: 504,
  [ErrorCode.LinkDown]: 502,
  [ErrorCode.LicenseReplayed]: 409,
  // A SmartServer busy with an activation or transfer, or waiting for its confirmation: try again, not a bad request.
  [SmartServerErrorCode.ActivationInProgress]: 409,
  [SmartServerErrorCode.TransferInProgress]: 409,
  [SmartServerErrorCode.ConfirmationRequired]: 409,
};

export function deviceFailureStatus(code: string): number {
  return DEVICE_STATUS[code] ?? (HTTP_STATUS as Record<string, number>)[code] ?? 400;
}

function sendDeviceFailure(res: Response, failure: Failure): void {
  const body: Record<string, string> = { error: failure.code, message: failure.message };
  if (failure.where !== undefined) body.where = failure.where;
  res.status(deviceFailureStatus(failure.code)).json(body);
}

/**
 * `/api/v1/fleet/devices`: what a device's own web pages read and do (docs/device-pages.md).
 * `GET /:id` is the device's snapshot plus its family's view, with the virtual time it was taken
 * at; `POST /:id/<action>` runs one of the firmware's operations, the same ones the scenarios'
 * steps and the serial console call, for the administrator only.
 */
export function deviceRoutes(world: World, guard: RequestHandler): Router {
  const router = Router();
  const deviceOf = (req: Request, res: Response): DeviceHandle | undefined => {
    const id = String(req.params.id);
    const device = world.devices.get(id);
    if (device === undefined) sendDeviceFailure(res, { code: ErrorCode.NotFound, message: `no device ${id} in this fleet`, where: 'deviceId' });
    return device;
  };

  router.get('/:id', (req, res) => {
    const device = deviceOf(req, res);
    if (device === undefined) return;
    const family = DEVICE_PAGE_FAMILIES[device.family.family];
    const now = world.clock.now();
    res.json({
      deviceId: device.id,
      family: device.family.family,
      now,
      time: isoTime(now),
      state: device.appliance.snapshot(),
      view: family === undefined ? null : family.view(device.appliance),
      actions: ['reboot', ...Object.keys(family?.actions ?? {})],
    });
  });

  // The machine view: the lifecycle machine's definition, the states it is in and its latest transitions.
  router.get('/:id/machine', (req, res) => {
    const device = deviceOf(req, res);
    if (device === undefined) return;
    const machine = device.appliance.machine?.();
    if (machine === undefined) {
      sendDeviceFailure(res, { code: ErrorCode.NotFound, message: `${device.id} (${device.family.family}) has no state machine to show`, where: 'deviceId' });
      return;
    }
    res.json({ deviceId: device.id, family: device.family.family, now: world.clock.now(), ...machine });
  });

  router.post('/:id/:action', guard, express.json(), async (req, res) => {
    const device = deviceOf(req, res);
    if (device === undefined) return;
    const name = String(req.params.action);
    const action = name === 'reboot' ? reboot : DEVICE_PAGE_FAMILIES[device.family.family]?.actions[name];
    if (action === undefined) {
      sendDeviceFailure(res, { code: ErrorCode.NotFound, message: `${device.id} (${device.family.family}) has no action ${name}`, where: 'action' });
      return;
    }
    const body = parseValue(req.body ?? {}, action.body, `${device.id} ${name}`);
    if (!body.ok) {
      sendDeviceFailure(res, body.error);
      return;
    }
    const done = await action.run(device, body.value as never);
    if (done.ok) res.json(done.value);
    else sendDeviceFailure(res, done.error);
  });
  return router;
}
