import type { Link } from '../../../emulator/link/Link.ts';
import { ErrorCode } from '../../../protocol/errorCodes.ts';
import { parseFrame, requestSchema, type Request } from '../../../protocol/messages/envelope.ts';
import { unwrap } from '../../../protocol/result.ts';

/** A reply body, a refusal with its code, or undefined to leave the request unanswered. */
export type PortalAnswer = { ok: true; body: object } | { ok: false; error: { code: string; message: string } } | undefined;

/**
 * A stand-in for the portal on the far end of a rig's wire: it keeps every request and answers
 * each op as the test (or the family's rig) scripted it. An op with no script is refused with
 * UNKNOWN_OPERATION, as the license server refuses one it does not serve.
 */
export interface ScriptedPortal {
  /** Every request received, oldest first, answered or not. */
  readonly requests: Request[];
  /** Answers `op` with `script` from now on. */
  answer(op: string, script: (request: Request) => PortalAnswer): void;
  /** Refuses `op` with `code` from now on. */
  refuse(op: string, code: string, message?: string): void;
  /** While silent it answers nothing, as a portal out of reach; requests are still kept. */
  setSilent(on: boolean): void;
}

export function createScriptedPortal(options: { link: Link }): ScriptedPortal {
  const { link } = options;
  const requests: Request[] = [];
  const scripts = new Map<string, (request: Request) => PortalAnswer>();
  let silent = false;

  link.onFrame((frame) => {
    const request = unwrap(parseFrame(frame, requestSchema, 'request'));
    requests.push(request);
    if (silent) return;
    const script = scripts.get(request.op);
    const answer: PortalAnswer = script ? script(request) : { ok: false, error: { code: ErrorCode.UnknownOperation, message: request.op } };
    if (answer) link.send(JSON.stringify({ id: request.id, ...answer }));
  });

  return {
    requests,
    answer: (op, script) => void scripts.set(op, script),
    refuse: (op, code, message = `refused ${op}`) => void scripts.set(op, () => ({ ok: false, error: { code, message } })),
    setSilent: (on) => void (silent = on),
  };
}
