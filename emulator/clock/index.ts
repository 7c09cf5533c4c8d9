export type { Clock, Hold, HoldOptions, TimerId } from './Clock.ts';
export { sleep, every, isoTime } from './Clock.ts';
export { VirtualClock, VIRTUAL_EPOCH } from './VirtualClock.ts';
export { ClockHaltedError, type ClockHalt } from './ClockHalt.ts';
export { WallClock, wallNow, wallEpochMs } from './wallClock.ts';
export { parseDuration, formatDuration, formatCalendarDuration, addDuration, fixedDuration, HOUR, DAY, MONTH, YEAR, MAX_DURATION_MONTHS, MAX_DURATION_MS, type Duration } from './duration.ts';
export { settle } from './settle.ts';
