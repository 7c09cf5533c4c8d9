/** The board's power and reset lines, as createApplianceShell sends them to the machine. */
export type PowerEvent = { type: 'POWER_ON' } | { type: 'POWER_OFF' } | { type: 'RESET' };

/** The family's part of `running`: anything but the entry and exit the skeleton owns. */
type RunningPart = { on?: object; entry?: never; exit?: never; [key: string]: unknown };

/**
 * The top-level states every appliance machine shares: off → booting → running. A power cut
 * turns any state off; a reset reboots (a reset while booting starts the boot again). Entering
 * off or booting clears the RAM (`forgetRam`); running starts by reading NVRAM
 * (`loadSettings`) and ends by failing the portal requests that RAM awaited
 * (`abortPortalRequests`). The machine's `setup` names those three actions and the `bootTime`
 * delay; `running` is the family's own part (its substates and events), merged in.
 */
export function powerStates<const R extends RunningPart>(family: { running: R }) {
  const { running } = family;
  const states = {
    off: {
      entry: 'forgetRam',
      on: { POWER_ON: 'booting' },
    },
    booting: {
      entry: 'forgetRam',
      after: { bootTime: 'running' },
      on: {
        POWER_OFF: 'off',
        RESET: { target: 'booting', reenter: true },
      },
    },
    running: {
      entry: 'loadSettings',
      exit: 'abortPortalRequests',
      ...running,
      on: {
        POWER_OFF: 'off',
        RESET: 'booting',
        ...running.on,
      },
    },
  } as const;
  // One flat object type, not an intersection: XState reads the state value type from it.
  return states as { [K in keyof typeof states]: Flat<(typeof states)[K]> };
}

type Flat<T> = { [K in keyof T]: T[K] };
