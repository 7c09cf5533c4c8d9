import { Counter, Gauge, Registry } from 'prom-client';
import type { World } from '../runner/World.ts';

/**
 * What `GET /metrics` shows, in Prometheus text format: the fleet's devices by family and state,
 * device requests and HTTP requests answered, and the embedded broker's clients and refusals.
 * One registry per service (never prom-client's global one), so two services in a process
 * or a test do not add up.
 */
export interface ServiceMetrics {
  readonly registry: Registry;
  deviceRequest(op: string, outcome: string): void;
  httpRequest(method: string, route: string, status: number): void;
}

export function createServiceMetrics(options: { world: World; broker?: { clients(): number; refusals(): number } }): ServiceMetrics {
  const { world, broker } = options;
  const registry = new Registry();
  new Gauge({
    name: 'fleetrig_devices',
    help: 'Emulated devices by family and run state.',
    labelNames: ['family', 'state'],
    registers: [registry],
    collect() {
      this.reset();
      for (const device of world.devices.values()) this.inc({ family: device.family.family, state: device.appliance.snapshot().state });
    },
  });
  const deviceRequests = new Counter({
    name: 'fleetrig_device_requests_total',
    help: 'Device requests the license server answered over links, by op and outcome (ok or the refusal code).',
    labelNames: ['op', 'outcome'],
    registers: [registry],
  });
  const httpRequests = new Counter({
    name: 'fleetrig_http_requests_total',
    help: 'HTTP requests the license server API answered, by method, route and status.',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  if (broker !== undefined) {
    new Gauge({
      name: 'fleetrig_broker_clients',
      help: 'MQTT clients connected to the embedded broker.',
      registers: [registry],
      collect() {
        this.set(broker.clients());
      },
    });
    new Gauge({
      name: 'fleetrig_broker_refusals',
      help: 'Connects, publishes and subscribes the embedded broker refused since it started.',
      registers: [registry],
      collect() {
        this.set(broker.refusals());
      },
    });
  }
  return {
    registry,
    deviceRequest: (op, outcome) => deviceRequests.inc({ op, outcome }),
    httpRequest: (method, route, status) => httpRequests.inc({ method, route, status: String(status) }),
  };
}
