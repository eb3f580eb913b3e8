/**
 * Timer triggers, run locally the way CloudBase runs them: each `cloudfunctions/<name>/config.json`
 * trigger fires on its cron (UTC+8) and calls the function with a system identity and the platform's
 * event shape `{ Type: 'Timer', TriggerName, Time }`. Runs of one trigger never overlap: a fire that
 * comes while the previous run is still going is skipped and logged.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CloudFunction } from '../functions/define-function';
import type { Deps, Logger } from '../use-cases/context';
import type { Clock } from '../ports/clock.port';
import { systemClock } from '../ports/clock.port';
import { nextFireTime, parseCron, type CronSchedule } from './cron';
import { localFunctionDeps } from './local-deps';

export interface TimerTrigger {
  functionName: string;
  name: string;
  config: string;
  cron: CronSchedule;
}

/** What the scheduler needs from timers; tests pass a fake driven by a fake clock. */
export interface Timer {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimer: Timer = {
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    // A pending trigger alone must not keep the process alive.
    handle.unref();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** setTimeout's ceiling (about 24.8 days); longer waits re-arm on the way. */
const MAX_DELAY_MS = 2_147_483_647;

/**
 * Every timer trigger declared under `cloudfunctionsDir`. A malformed config or cron is logged and
 * skipped, so one bad file does not stop the runtime.
 */
export function readTimerTriggers(cloudfunctionsDir: string, log: Logger): TimerTrigger[] {
  if (!existsSync(cloudfunctionsDir)) return [];
  const triggers: TimerTrigger[] = [];
  for (const entry of readdirSync(cloudfunctionsDir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const file = join(cloudfunctionsDir, entry.name, 'config.json');
    if (!existsSync(file)) continue;
    let config: unknown;
    try {
      config = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      log.error(`[scheduler] ${file} is not valid JSON; its triggers are ignored`, e);
      continue;
    }
    const list = (config as { triggers?: unknown }).triggers;
    if (!Array.isArray(list)) continue;
    for (const t of list as unknown[]) {
      const { name, type, config: expr } = (t ?? {}) as { name?: unknown; type?: unknown; config?: unknown };
      if (type !== 'timer') continue;
      if (typeof name !== 'string' || typeof expr !== 'string') {
        log.error(`[scheduler] ${file}: a timer trigger needs a string name and config; ignored`);
        continue;
      }
      try {
        triggers.push({ functionName: entry.name, name, config: expr, cron: parseCron(expr) });
      } catch (e) {
        log.error(`[scheduler] ${file}: ${(e as Error).message}; ignored`);
      }
    }
  }
  return triggers;
}

export interface TriggerRun {
  functionName: string;
  triggerName: string;
  /** The scheduled fire time (the event's `Time`). */
  time: string;
  ok: boolean;
  code?: string;
  ms: number;
}

export interface Scheduler {
  start(): void;
  /** Cancels pending fires and waits for runs in progress to finish. */
  stop(): Promise<void>;
  /** When each trigger fires next (null when its cron has no future time). */
  upcoming(): { functionName: string; triggerName: string; at: Date | null }[];
}

export interface SchedulerOptions {
  triggers: TimerTrigger[];
  functions: Readonly<Record<string, CloudFunction>>;
  deps: Deps;
  clock?: Clock;
  timer?: Timer;
  log?: Logger;
  /** Called after every run (tests, benchmarks). */
  onRun?: (run: TriggerRun) => void;
}

function summarize(data: unknown): string {
  if (data === undefined) return '';
  const text = JSON.stringify(data) ?? '';
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

export function createScheduler(options: SchedulerOptions): Scheduler {
  const clock = options.clock ?? systemClock;
  const timer = options.timer ?? realTimer;
  const log = options.log ?? options.deps.log;

  interface Slot {
    trigger: TimerTrigger;
    fn: CloudFunction;
    next: Date | null;
    handle: unknown;
    running: Promise<void> | null;
  }

  const slots: Slot[] = [];
  for (const trigger of options.triggers) {
    const fn = Object.prototype.hasOwnProperty.call(options.functions, trigger.functionName)
      ? options.functions[trigger.functionName]
      : undefined;
    if (!fn) {
      log.error(`[scheduler] trigger ${trigger.functionName}/${trigger.name}: no such function in the registry; ignored`);
      continue;
    }
    slots.push({ trigger, fn, next: null, handle: null, running: null });
  }

  let started = false;

  function arm(slot: Slot): void {
    if (!started || !slot.next) return;
    const delay = Math.min(Math.max(0, slot.next.getTime() - clock.now().getTime()), MAX_DELAY_MS);
    slot.handle = timer.setTimeout(() => onTimer(slot), delay);
  }

  function onTimer(slot: Slot): void {
    slot.handle = null;
    if (!started || !slot.next) return;
    const now = clock.now();
    const due = slot.next;
    // Woken early (a capped delay, or a timer that fires before the clock says so): wait again.
    if (now.getTime() < due.getTime()) return arm(slot);
    // Computed from the later of now and the due time, so a clock that jumped ahead skips the
    // missed fires instead of replaying each of them.
    slot.next = nextFireTime(slot.trigger.cron, now.getTime() > due.getTime() ? now : due);
    arm(slot);
    if (slot.running) {
      log.info(`[scheduler] ${slot.trigger.functionName}/${slot.trigger.name} skipped at ${due.toISOString()}: previous run still going`);
      return;
    }
    slot.running = run(slot, due).then((result) => {
      // Cleared before anyone hears of the run, so whatever onRun triggers sees the trigger idle.
      slot.running = null;
      try {
        options.onRun?.(result);
      } catch (e) {
        log.error('[scheduler] onRun callback failed', e);
      }
    });
  }

  /** Never rejects: a failure is logged and reported as a failed run. */
  async function run(slot: Slot, due: Date): Promise<TriggerRun> {
    const { functionName, name } = slot.trigger;
    const time = due.toISOString().replace(/\.\d{3}Z$/, 'Z');
    const t0 = Date.now();
    let result: TriggerRun;
    try {
      const reply = await slot.fn.handle({ kind: 'system' }, { Type: 'Timer', TriggerName: name, Time: time }, localFunctionDeps(options.deps, functionName));
      const ms = Date.now() - t0;
      if (reply.ok) {
        log.info(`[scheduler] ${functionName}/${name} ok in ${ms}ms ${summarize(reply.data)}`);
        result = { functionName, triggerName: name, time, ok: true, ms };
      } else {
        log.error(`[scheduler] ${functionName}/${name} failed in ${ms}ms: ${reply.code} ${reply.message}`);
        result = { functionName, triggerName: name, time, ok: false, code: reply.code, ms };
      }
    } catch (e) {
      const ms = Date.now() - t0;
      log.error(`[scheduler] ${functionName}/${name} threw after ${ms}ms`, e);
      result = { functionName, triggerName: name, time, ok: false, code: 'INTERNAL', ms };
    }
    return result;
  }

  return {
    start() {
      if (started) return;
      started = true;
      const now = clock.now();
      for (const slot of slots) {
        slot.next = nextFireTime(slot.trigger.cron, now);
        if (!slot.next) log.error(`[scheduler] ${slot.trigger.functionName}/${slot.trigger.name}: "${slot.trigger.config}" never fires`);
        arm(slot);
      }
    },
    async stop() {
      started = false;
      for (const slot of slots) {
        if (slot.handle !== null) timer.clearTimeout(slot.handle);
        slot.handle = null;
      }
      await Promise.all(slots.map((s) => s.running).filter((p): p is Promise<void> => p !== null));
    },
    upcoming() {
      return slots.map((s) => ({ functionName: s.trigger.functionName, triggerName: s.trigger.name, at: s.next }));
    },
  };
}
