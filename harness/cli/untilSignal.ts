/** SIGINT or SIGTERM; `cancel` gives the signals back to Node's default handling. */
export function untilSignal(): { received: Promise<string>; cancel(): void } {
  let stop: (signal: NodeJS.Signals) => void = () => {};
  const received = new Promise<string>((resolve) => {
    stop = (signal) => resolve(`${signal} received`);
  });
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return {
    received,
    cancel() {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    },
  };
}
