import { backoffDelay, DEFAULT_RECONNECT_POLICY, type ReconnectPolicy } from '../../broker/links/reconnectPolicy.ts';
import type { Clock, TimerId } from '../../emulator/clock/Clock.ts';
import type { Link } from '../../emulator/link/Link.ts';
import { serialEndpoint, type SerialEndpoint } from '../../license-server/link/serialEndpoint.ts';
import { fail, ok, type Result } from '../../protocol/result.ts';
import { openSerialPort, type OpenedSerialPort, type OpenSerialPort } from './openSerialPort.ts';
import { describeSerialPort, type SerialPortSpec } from './serialPortSpec.ts';
import type { ServiceLogger } from './serviceLog.ts';

export interface SerialEndpointsOptions {
  readonly ports: readonly SerialPortSpec[];
  /** Serves one link until the returned function is called: the license server's `serveLink`. */
  readonly serve: (link: Link) => () => void;
  /** Times the reopen attempts: the wall clock, since an unplugged cable is a real-world event. */
  readonly clock: Clock;
  readonly logger: ServiceLogger;
  /** Real ports through serialport unless given (tests pass fakes). */
  readonly open?: OpenSerialPort;
  /** Backoff between reopen attempts; the MQTT clients' (0.1 s doubling to 2 s) unless given. */
  readonly policy?: Pick<ReconnectPolicy, 'initialMs' | 'factor' | 'maxMs'>;
}

export interface SerialEndpoints {
  /** `PATH@BAUD` of each port, in the order given. */
  readonly ports: readonly string[];
  /** Each port's endpoint (its counters, whether its line is up), in the same order. */
  readonly endpoints: readonly SerialEndpoint[];
  /** Stops serving, stops reopening, closes every port. */
  close(): Promise<void>;
}

/**
 * `serve --serial`: the license server's framed serial endpoint on each port. Every port must
 * open at start, else none stays open and the start fails `SERIAL_UNAVAILABLE`. A port that
 * goes away later is logged and reopened with backoff for as long as the service runs; its
 * endpoint stays the same link, so a request re-sent after the cable is back gets its first
 * reply from the server's cache instead of acting twice.
 */
export async function openSerialEndpoints(options: SerialEndpointsOptions): Promise<Result<SerialEndpoints>> {
  const { clock, logger } = options;
  const open = options.open ?? openSerialPort;
  const policy = { ...DEFAULT_RECONNECT_POLICY, ...options.policy };
  const opened = await Promise.allSettled(options.ports.map((spec) => open(spec)));
  const refused = opened.findIndex((outcome) => outcome.status === 'rejected');
  if (refused >= 0) {
    await Promise.all(opened.map((outcome) => (outcome.status === 'fulfilled' ? outcome.value.close() : undefined)));
    const spec = options.ports[refused]!;
    const reason = ((opened[refused] as PromiseRejectedResult).reason as Error).message.replace(/^Error: /, '');
    return fail('SERIAL_UNAVAILABLE', `cannot open the serial port ${describeSerialPort(spec)}: ${reason}`, 'serial');
  }

  const lines = options.ports.map((spec, index) => {
    const serial = describeSerialPort(spec);
    const endpoint = serialEndpoint({
      onTrouble: ({ kind, detail }) => logger.warn({ serial, reason: detail }, kind === 'refusal' ? 'serial frame refused by the far end' : 'serial frame refused'),
    });
    const stopServing = options.serve(endpoint);
    let port: OpenedSerialPort | undefined;
    let timer: TimerId | undefined;
    let reopening: Promise<void> | undefined;
    let closed = false;

    const use = (next: OpenedSerialPort): void => {
      port = next;
      endpoint.attach(next.stream);
      next.onLost((reason) => {
        if (closed) return;
        port = undefined;
        endpoint.detach();
        logger.warn({ serial, reason }, 'serial port lost; reopening');
        reopen(0);
      });
    };
    const reopen = (attempt: number): void => {
      timer = clock.setTimeout(() => {
        timer = undefined;
        reopening = open(spec).then(
          (next) => {
            if (closed) return void next.close();
            logger.info({ serial, attempts: attempt + 1 }, 'serial port reopened');
            use(next);
          },
          () => {
            if (!closed) reopen(attempt + 1);
          },
        );
      }, backoffDelay(policy, attempt));
    };
    use((opened[index] as PromiseFulfilledResult<OpenedSerialPort>).value);

    return {
      endpoint,
      async close() {
        closed = true;
        if (timer !== undefined) clock.clearTimeout(timer);
        stopServing();
        endpoint.detach();
        await reopening;
        await port?.close();
      },
    };
  });

  return ok({
    ports: options.ports.map(describeSerialPort),
    endpoints: lines.map((line) => line.endpoint),
    async close() {
      await Promise.all(lines.map((line) => line.close()));
    },
  });
}
