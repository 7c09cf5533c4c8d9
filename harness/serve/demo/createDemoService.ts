import { ok, type Result } from '../../../protocol/result.ts';
import type { Scenario } from '../../scenario/parseScenarios.ts';
import { createService, type Service, type ServiceOptions } from '../createService.ts';
import { MEMORY_STORE } from '../openStore.ts';

export interface DemoServiceOptions extends Omit<ServiceOptions, 'store' | 'demo' | 'scenario'> {
  scenario: Scenario;
  /** Makes each generation of the service; createService unless a test gives its own. */
  create?: (options: ServiceOptions) => Promise<Result<Service>>;
}

/**
 * `fleetrig serve <scenario> --demo`: the service on a store in memory, its scenario's steps
 * steppable over /api/v1/demo. A restart closes the whole service (fleet, license server,
 * broker, store) and starts a new one on the same ports with the same seed, so the demo begins
 * again on a fresh fleet and portal, with the same keys and the same administrator token.
 * A persistent store would keep the last demo's customers, bindings and NVRAM (and the store
 * has no delete: its audit is append-only), so demo mode never uses one.
 */
export async function createDemoService(options: DemoServiceOptions): Promise<Result<Service>> {
  const create = options.create ?? createService;
  const { logger } = options;
  let ports = { http: options.httpPort, mqtt: options.mqttPort };
  let restarting: Promise<void> | undefined;
  let closed = false;

  const start = (): Promise<Result<Service>> => create({
    ...options, store: MEMORY_STORE, httpPort: ports.http, mqttPort: ports.mqtt, demo: { restart: () => void restart() },
  });
  const first = await start();
  if (!first.ok) return first;
  let current = first.value;
  // Port 0 picks one on the first start; later starts take the same ones, so the page and scripts stay put.
  ports = { http: portOf(current.httpUrl) ?? ports.http, mqtt: options.brokerUrl === undefined ? portOf(current.mqttUrl) ?? ports.mqtt : ports.mqtt };

  function restart(): Promise<void> {
    restarting ??= (async () => {
      logger.info({ scenario: options.scenario.name }, 'demo restarting');
      await current.close();
      if (closed) return;
      const again = await start();
      if (!again.ok) {
        logger.warn({ code: again.error.code, message: again.error.message }, 'demo restart failed');
        return;
      }
      current = again.value;
    })().finally(() => {
      restarting = undefined;
    });
    return restarting;
  }

  const service: Service = {
    get httpUrl() { return current.httpUrl; },
    get mqttUrl() { return current.mqttUrl; },
    get store() { return current.store; },
    get seed() { return current.seed; },
    get token() { return current.token; },
    get serial() { return current.serial; },
    get devices() { return current.devices; },
    get clock() { return current.clock; },
    get server() { return current.server; },
    async close() {
      closed = true;
      await restarting;
      await current.close();
    },
  };
  return ok(service);
}

/** The port of `http://host:port` or `mqtt://host:port`. */
function portOf(url: string): number | undefined {
  const port = /:(\d+)\/?$/.exec(url)?.[1];
  return port === undefined ? undefined : Number(port);
}
