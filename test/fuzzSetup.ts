import fc from 'fast-check';

// One seed for the whole fuzz suite, so CI is repeatable and a failure replays: fast-check prints
// the seed and path of a counterexample, and FLEETRIG_FUZZ_SEED / FLEETRIG_FUZZ_RUNS override the
// defaults for a longer hunt (`FLEETRIG_FUZZ_RUNS=100000 npm run test:fuzz`).
const seed = Number(process.env.FLEETRIG_FUZZ_SEED ?? 20261201);
const numRuns = Number(process.env.FLEETRIG_FUZZ_RUNS ?? 200);

fc.configureGlobal({ seed, numRuns, interruptAfterTimeLimit: 60_000, markInterruptAsFailure: false });
