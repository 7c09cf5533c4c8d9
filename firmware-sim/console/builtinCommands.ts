import { isoTime, type Clock } from '../../emulator/clock/Clock.ts';
import type { Appliance, ApplianceState } from '../shared/Appliance.ts';
import { errorText, type ConsoleCommand, type ConsoleCommands } from './ConsoleCommands.ts';
import type { ConsoleStats } from './SerialConsole.ts';
import type { ClockTamper } from '../shared/clockGuard.ts';

/** What the built-in commands act on. */
export interface BuiltinContext {
  readonly appliance: Appliance;
  readonly clock: Clock;
  /** Pulls the board's reset line. */
  readonly reset: () => void;
  readonly stats: () => ConsoleStats;
  /** Every command, built-in and family, for `help`. */
  readonly commands: () => ConsoleCommands;
}

/** `help`, `status`, `reboot` and `stats`: the same on every family. */
export function builtinCommands(ctx: BuiltinContext): ConsoleCommands {
  return {
    help: {
      usage: 'help [command]',
      summary: 'list the commands, or show how to use one',
      run: ([name]) => help(ctx.commands(), name),
    },
    status: {
      usage: 'status',
      summary: 'the appliance\'s state, licenses in force and whether a reboot would change them',
      run: () => statusText(ctx.appliance.snapshot(), ctx.clock.now()),
    },
    reboot: {
      usage: 'reboot',
      summary: 'reset the appliance: RAM is lost, NVRAM kept, pending license changes take effect',
      run: () => {
        if (ctx.appliance.snapshot().state === 'off') return errorText('NOT_RUNNING', `${ctx.appliance.deviceId} is off; there is nothing to reboot`);
        ctx.reset();
        return `rebooting ${ctx.appliance.deviceId}; type status to see it boot`;
      },
    },
    stats: {
      usage: 'stats',
      summary: 'what this console has received and refused',
      run: () => table(Object.entries(ctx.stats()).map(([k, v]) => [k, String(v)])),
    },
  };
}

/**
 * The appliance state as aligned `name value` lines, for people and for `grep`. A family whose
 * license changes wait for a reset (the gateway, GW-5) has `pendingReset` in its state, and the
 * lines say whether a reboot would change the licenses in force.
 */
export function statusText(state: ApplianceState & { readonly pendingReset?: boolean; readonly clockTampered?: ClockTamper | null }, now: number): string {
  const rows: [string, string][] = [
    ['device', state.deviceId],
    ['family', state.family],
    ['state', state.state],
    ['licenses', `${state.licenses.length} in force`],
    ...state.licenses.map((l): [string, string] => [`  ${l.licenseId}`, `${l.featureCode} x${l.count} ${l.status}`]),
    ...(state.pendingReset === undefined ? [] : [['pendingReset', state.pendingReset ? 'yes: reboot to apply the license changes' : 'no'] as [string, string]]),
    ['time', isoTime(now)],
    // [TM-1] a clock set back: say so, since licenses with an end stop counting meanwhile.
    ...(state.clockTampered ? [['clock', `${state.clockTampered.code}: reads earlier than ${isoTime(state.clockTampered.latestSeenAt)}, the latest time seen; licenses with an end do not count until then`] as [string, string]] : []),
  ];
  return table(rows);
}

function help(commands: ConsoleCommands, name: string | undefined): string {
  if (name !== undefined) {
    const command: ConsoleCommand | undefined = Object.hasOwn(commands, name) ? commands[name] : undefined;
    return command ? `usage: ${command.usage}\n${command.summary}` : errorText('UNKNOWN_COMMAND', `no command '${name}'; type help for the list`);
  }
  return table(Object.values(commands).map((c) => [c.usage, c.summary]));
}

function table(rows: readonly (readonly [string, string])[]): string {
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n');
}
