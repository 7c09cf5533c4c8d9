import { assign, setup } from 'xstate';
import type { Board } from '../../emulator/board/Board.ts';
import { fail, ok, type Result } from '../../protocol/result.ts';
import type { Appliance, ApplianceState } from '../../firmware-sim/shared/Appliance.ts';
import { createApplianceShell } from '../../firmware-sim/shared/applianceShell.ts';
import { DeviceErrorCode } from '../../firmware-sim/shared/DeviceErrorCode.ts';
import { createBoardPortalClient } from '../../firmware-sim/shared/portalClient.ts';
import { powerStates, type PowerEvent } from '../../firmware-sim/shared/powerStates.ts';
import { toyOps } from './toyOps.ts';

/** A lamp that shines only with its one license, which it asks the toy cloud for. */
export interface ToyLamp extends Appliance {
  requestLicense(): Promise<Result<unknown>>;
}

type LampEvent = PowerEvent | { type: 'LICENSED'; licenseId: string };

// In RAM only: a lamp asks again after every boot, which keeps the fixture small.
const lampMachine = setup({
  types: { context: {} as { licenseId: string | null }, events: {} as LampEvent },
  actions: {
    forgetRam: assign({ licenseId: () => null }),
    loadSettings: () => {},
    abortPortalRequests: () => {},
    keepLicense: assign({ licenseId: ({ event }) => (event.type === 'LICENSED' ? event.licenseId : null) }),
  },
  delays: { bootTime: 1_000 },
}).createMachine({
  id: 'toyLamp',
  initial: 'off',
  context: { licenseId: null },
  states: powerStates({
    running: {
      initial: 'dark',
      states: {
        dark: { on: { LICENSED: { target: 'lit', actions: 'keepLicense' } } },
        lit: {},
      },
    },
  }),
});

export function createToyLamp(options: { board: Board }): ToyLamp {
  const { board } = options;
  const portal = createBoardPortalClient({ board, requestIds: 'toy-requests' });
  const machine = lampMachine.provide({
    actions: { abortPortalRequests: () => portal.abortAll(DeviceErrorCode.NotRunning, 'the lamp stopped running') },
  });
  const snapshot = (): ApplianceState => {
    const licenseId = shell.actor.getSnapshot().context.licenseId;
    return {
      deviceId: board.id,
      family: 'toy',
      state: shell.runState(),
      licenses: licenseId === null ? [] : [{ licenseId, featureCode: 'TOY-LIGHT', count: 1, status: 'active' }],
    };
  };
  const shell = createApplianceShell({ board, family: 'toy', machine, portal, snapshot });
  return {
    ...shell.appliance(),
    async requestLicense() {
      if (!shell.isRunning()) return fail(DeviceErrorCode.NotRunning, `lamp ${board.id} is not running`);
      const { op, reply } = toyOps.license;
      const answer = await portal.request({ op, body: { hardwareId: board.identity.hardwareId }, reply });
      if (!answer.ok) return answer;
      shell.actor.send({ type: 'LICENSED', licenseId: answer.value.licenseId });
      return ok(answer.value.licenseId);
    },
  };
}
