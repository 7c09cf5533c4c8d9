import type { AnyStateMachine } from 'xstate';

const provided = new WeakMap<AnyStateMachine, Map<string, AnyStateMachine>>();

/**
 * The family's machine with its named delay `name` set to `ms`, built once per value and shared
 * by every device that asks for it: `provide` copies the whole machine (about 10 KiB), which a
 * fleet of thousands would pay per device (issue 11). A value the machine has already is the
 * machine itself.
 */
export function machineWithDelay<M extends AnyStateMachine>(machine: M, name: string, ms: number): M {
  if ((machine.implementations.delays as Record<string, unknown>)[name] === ms) return machine;
  let byDelay = provided.get(machine);
  if (byDelay === undefined) {
    byDelay = new Map();
    provided.set(machine, byDelay);
  }
  const key = `${name}=${ms}`;
  let found = byDelay.get(key);
  if (found === undefined) {
    found = machine.provide({ delays: { [name]: ms } });
    byDelay.set(key, found);
  }
  return found as M;
}
