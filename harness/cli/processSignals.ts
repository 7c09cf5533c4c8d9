import type { SignalSource, StopSignal } from './CommandContext.ts';

/** The process's own SIGINT and SIGTERM, for `fleetrig run` (main.ts hands it to the CLI). */
export const processSignals: SignalSource = {
  listen(listener) {
    const onInt = () => listener('SIGINT' satisfies StopSignal);
    const onTerm = () => listener('SIGTERM' satisfies StopSignal);
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
    return () => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
    };
  },
  exitNow(code) {
    process.exit(code);
  },
};
