import type { Clock } from '../ports/clock.port';

/** The clock the product runs with: the machine's time. */
export const systemClock: Clock = { now: () => new Date() };
