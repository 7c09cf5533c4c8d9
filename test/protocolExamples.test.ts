import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCatalogue } from '../harness/catalogue.ts';
import { runScenario } from '../harness/runner/runScenario.ts';
import { parseScenarios } from '../harness/scenario/parseScenarios.ts';
import { createMemoryTransport } from '../harness/transport/memoryTransport.ts';
import { tapLink } from '../harness/transport/tapLink.ts';
import { createMemoryLinkPair } from '../emulator/link/memoryLinkPair.ts';

/**
 * docs/protocol.md's gateway examples are what fleetrig sends and answers: this test runs
 * test/docExamples/protocol-gateway.yaml with every frame tapped, renders the frames, and checks
 * each `<!-- example: NAME -->` block of the page against them. After a deliberate change to the
 * wire, `FLEETRIG_WRITE_EXAMPLES=1 npx vitest run test/protocolExamples.test.ts` writes them.
 */
const DOC = join(import.meta.dirname, '..', 'docs', 'protocol.md');
const REPO = join(import.meta.dirname, '..');
// Relative to the repository, as `fleetrig run` names it from there: the run's random stream forks on the name.
const SCENARIO = 'test/docExamples/protocol-gateway.yaml';
const SEED = 1;

type Json = Record<string, unknown>;
interface Tapped { deviceId: string; direction: 'out' | 'in'; message: Json }

/**
 * Runs the scenario and returns every frame each device sent and got, each device's last
 * published state, and the replies to section 3's hand-made requests, sent on a wire of their
 * own at the end of the run.
 */
async function record(): Promise<{ frames: Tapped[]; states: Map<string, Json>; envelopeReplies: Json[] }> {
  const catalogue = createCatalogue();
  const { scenarios, errors } = parseScenarios(readFileSync(join(REPO, SCENARIO), 'utf8'), SCENARIO, catalogue);
  expect(errors).toEqual([]);
  const frames: Tapped[] = [];
  const states = new Map<string, Json>();
  const envelopeReplies: Json[] = [];
  const result = await runScenario(scenarios[0]!, {
    seed: SEED, realtime: false, catalogue,
    transport: async (world) => {
      const memory = createMemoryTransport({ server: world.server, clock: world.clock });
      const byHand = createMemoryLinkPair();
      byHand.a.onFrame((frame) => envelopeReplies.push(JSON.parse(frame) as Json));
      world.server.serveLink(byHand.b);
      return {
        ...memory,
        async attach(deviceId, options) {
          const wire = await memory.attach(deviceId, options);
          return { ...wire, link: tapLink(wire.link, (direction, frame) => frames.push({ deviceId, direction, message: JSON.parse(frame) as Json })) };
        },
        // The last state while running: the run's end powers the fleet off.
        async publishState(deviceId, state) {
          if ((state as Json).state === 'running') states.set(deviceId, JSON.parse(JSON.stringify(state)) as Json);
        },
        async close() {
          for (const request of ENVELOPE_REQUESTS(String(states.get('gw-001')!.hardwareId))) {
            byHand.a.send(JSON.stringify(request));
            await world.time.quiesce();
          }
          await memory.close();
        },
      };
    },
  });
  expect(result.failure).toBeUndefined();
  return { frames, states, envelopeReplies };
}

/** Section 3's requests: an ID reused for another body, an unknown op, no deviceId. */
const ENVELOPE_REQUESTS = (hardwareId: string): Json[] => [
  { id: 'r-1', op: 'gateway.download', deviceId: 'gw-001', body: {} },
  { id: 'r-1', op: 'gateway.download', deviceId: 'gw-001', body: { hardwareId } },
  { id: 'r-2', op: 'gateway.upgrade', deviceId: 'gw-001', body: {} },
  { id: 'r-3', op: 'gateway.download', body: { hardwareId } },
];

const WIDTH = 160;
const seenCertificates = new Set<string>();

/** `req {…}` / `res {…}`: one line when short, else the body's fields one per line and long lists one item per line. */
function line(prefix: 'req' | 'res', message: Json): string {
  const compact = JSON.stringify(message);
  const body = message.body as Json | undefined;
  if (compact.length <= WIDTH || body === undefined) return `${prefix} ${compact}`;
  const head = JSON.stringify({ ...message, body: undefined }).slice(0, -1);
  const fields = Object.entries(body).map(([key, value]) => {
    if (key === 'certificate' && typeof value === 'string') {
      if (seenCertificates.has(value)) return `"${key}":"CRT1.…(as above)"`;
      seenCertificates.add(value);
    }
    const items = Array.isArray(value) && JSON.stringify(value).length > WIDTH ? `[\n    ${value.map((v) => JSON.stringify(v)).join(',\n    ')}]` : JSON.stringify(value);
    return `"${key}":${items}`;
  });
  return `${prefix} ${head},"body":{\n  ${fields.join(',\n  ')}}}`;
}

/** A device's state as section 5 shows it: a field per line, list items on their own lines. */
function stateBlock(state: Json): string {
  const fields = Object.entries(state).map(([key, value]) =>
    Array.isArray(value) && value.length > 0 ? `"${key}":[\n   ${value.map((v) => JSON.stringify(v)).join(',\n   ')}]` : `"${key}":${JSON.stringify(value)}`);
  return `{${fields.join(',\n ')}}`;
}

const decode = (part: string): Json => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Json;

/** Every example block of the page, by name, from one recorded run. */
async function render(): Promise<Map<string, string>> {
  seenCertificates.clear();
  const { frames, states, envelopeReplies } = await record();
  const exchanges = (deviceId: string, op: string): { request: Json; reply: Json }[] => {
    const requests = frames.filter((f) => f.deviceId === deviceId && f.direction === 'out' && f.message.op === op).map((f) => f.message);
    return requests.map((request) => ({ request, reply: frames.find((f) => f.deviceId === deviceId && f.direction === 'in' && f.message.id === request.id)!.message }));
  };
  const pair = (x: { request: Json; reply: Json }): string => `${line('req', x.request)}\n${line('res', x.reply)}`;
  const [download] = exchanges('gw-001', 'gateway.download');
  const [invalidate] = exchanges('gw-001', 'gateway.invalidate');
  const [notBound] = exchanges('gw-002', 'gateway.invalidate');
  const testLicenses = exchanges('gw-001', 'gateway.testLicense');
  const proofText = (x: { request: Json }, subject: readonly string[]): string =>
    JSON.stringify([x.request.op, x.request.id, (x.request.body as Json).hardwareId, ...subject].join('\n'));
  const certificate = String((download!.request.body as Json).certificate);
  const files = (download!.reply.body as { files: string[] }).files;
  const requests = ENVELOPE_REQUESTS(String((download!.request.body as Json).hardwareId));
  return new Map([
    ['envelope-duplicate', [0, 1].map((i) => `${line('req', requests[i]!)}\n${line('res', envelopeReplies[i]!)}`).join('\n')],
    ['envelope-bad', [2, 3].map((i) => `${line('req', requests[i]!)}\n${line('res', envelopeReplies[i]!)}`).join('\n')],
    ['download-proof-text', proofText(download!, [])],
    ['download', pair(download!)],
    ['invalidate-proof-text', proofText(invalidate!, (invalidate!.request.body as { licenseIds: string[] }).licenseIds)],
    ['invalidate', pair(invalidate!)],
    ['invalidate-refused', line('res', notBound!.reply)],
    ['test-license-proof-text', proofText(testLicenses[0]!, [])],
    ['test-license', testLicenses.map(pair).join('\n')],
    ['state', stateBlock(states.get('gw-001')!)],
    ['license-payload', JSON.stringify(decode(files[0]!.split('.')[1]!))],
    ['certificate-payload', JSON.stringify(decode(certificate.split('.')[1]!))],
  ]);
}

const BLOCK = /(<!-- example: ([a-z-]+) -->\n```[a-z]*\n)([\s\S]*?)\n```/g;

describe('docs/protocol.md examples', () => {
  let rendered: Map<string, string>;
  beforeAll(async () => {
    rendered = await render();
    if (process.env.FLEETRIG_WRITE_EXAMPLES === '1') {
      const doc = readFileSync(DOC, 'utf8');
      writeFileSync(DOC, doc.replace(BLOCK, (whole, open: string, name: string) => (rendered.has(name) ? `${open}${rendered.get(name)}\n\`\`\`` : whole)));
    }
  });

  it('marks every example it renders, once each', () => {
    const names = [...readFileSync(DOC, 'utf8').matchAll(BLOCK)].map((m) => m[2]);
    expect(names.sort()).toEqual([...rendered.keys()].sort());
  });

  it.each(['envelope-duplicate', 'envelope-bad', 'download-proof-text', 'download', 'invalidate-proof-text', 'invalidate', 'invalidate-refused',
    'test-license-proof-text', 'test-license', 'state', 'license-payload', 'certificate-payload'])('[GW-6][GW-8] shows %s as fleetrig sends and answers it', (name) => {
    const block = [...readFileSync(DOC, 'utf8').matchAll(BLOCK)].find((m) => m[2] === name);
    expect(block?.[3], `docs/protocol.md has no example block ${name}; FLEETRIG_WRITE_EXAMPLES=1 writes it`).toBe(rendered.get(name));
  });
});

describe('docs/serial.md frames', () => {
  const serial = readFileSync(join(import.meta.dirname, '..', 'docs', 'serial.md'), 'utf8');
  const frames = [...serial.matchAll(/^~([A-Za-z0-9_-]+)\*([0-9a-f]{8})$/gm)];

  it('finds the documented frames', () => {
    expect(frames.length).toBeGreaterThanOrEqual(3);
  });

  it.each(frames.map((m) => [m[1]!.slice(0, 24), m[1]!, m[2]!]))('frame %s… has the CRC-32 of its payload characters and encodes the JSON above it', (_, payload, crc) => {
    expect(crc32(Buffer.from(payload, 'ascii')).toString(16).padStart(8, '0')).toBe(crc);
    const message = Buffer.from(payload, 'base64url').toString('utf8');
    const shown = serial.slice(0, serial.indexOf(`~${payload}*`)).trimEnd().split('\n').at(-1)!;
    if (shown.startsWith('{')) expect(message).toBe(shown);
    else expect(() => JSON.parse(message) as unknown).not.toThrow();
  });
});
