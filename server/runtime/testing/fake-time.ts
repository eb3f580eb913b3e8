/** A fake clock and timer for scheduler tests (test code only): advancing the clock fires what has come due. */
import type { Timer } from '../scheduler';

export interface FakeTime {
  clock: { now(): Date };
  timer: Timer;
  pendingCount(): number;
  /** Moves time forward, firing due timers (and the ones they set) at their own times, in order. */
  advance(ms: number): Promise<void>;
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

export function fakeTime(startIso: string): FakeTime {
  let now = Date.parse(startIso);
  let seq = 0;
  const pending = new Map<number, { at: number; fn: () => void }>();
  return {
    clock: { now: () => new Date(now) },
    timer: {
      setTimeout(fn, ms) {
        const id = ++seq;
        pending.set(id, { at: now + ms, fn });
        return id;
      },
      clearTimeout(handle) {
        pending.delete(handle as number);
      },
    },
    pendingCount: () => pending.size,
    async advance(ms) {
      const end = now + ms;
      for (;;) {
        const due = [...pending.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        pending.delete(due[0]);
        now = Math.max(now, due[1].at);
        due[1].fn();
        await tick();
      }
      now = end;
      await tick();
    },
  };
}
