/** The `fleetrig` executable (bin/fleetrig.js imports this): runs the CLI on this process. */
import { main } from './cli.ts';
import { processSignals } from './processSignals.ts';

// A reader that goes away (`fleetrig run … | head`) is not an error of ours: stop writing quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
  });
}

process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, signals: processSignals });
