import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Reply } from '@core/shared/errors';
import type { CloudFunction, Identity } from '../functions/define-function';
import type { Deps, Logger } from '../use-cases/context';
import { parseCron } from './cron';
import { createScheduler, readTimerTriggers, type TimerTrigger, type TriggerRun } from './scheduler';
import { fakeTime } from './testing/fake-time';

const silent: Logger = { info: () => undefined, error: () => undefined };

function recordingFunction(impl?: () => Promise<Reply<unknown>>) {
  const calls: { identity: Identity; event: unknown }[] = [];
  const fn: CloudFunction = {
    name: 'housekeeping',
    actions: {},
    async handle(identity, event) {
      calls.push({ identity, event });
      return impl ? impl() : { ok: true, data: { removed: 0 } };
    },
  };
  return { fn, calls };
}

const trigger = (config: string, name = 'dailyPurge', functionName = 'housekeeping'): TimerTrigger => ({ functionName, name, config, cron: parseCron(config) });
const deps = { log: silent } as unknown as Deps;

describe('scheduler', () => {
  it('runs a daily 03:00 (UTC+8) trigger at 19:00 UTC as the system, with the platform timer event', async () => {
    const t = fakeTime('2026-03-01T12:00:00Z');
    const { fn, calls } = recordingFunction();
    const runs: TriggerRun[] = [];
    const s = createScheduler({ triggers: [trigger('0 0 3 * * * *')], functions: { housekeeping: fn }, deps, clock: t.clock, timer: t.timer, log: silent, onRun: (r) => runs.push(r) });
    s.start();
    expect(s.upcoming()[0].at?.toISOString()).toBe('2026-03-01T19:00:00.000Z');
    await t.advance(7 * 3600 * 1000 - 1000);
    expect(calls).toHaveLength(0);
    await t.advance(1000);
    expect(calls).toEqual([{ identity: { kind: 'system' }, event: { Type: 'Timer', TriggerName: 'dailyPurge', Time: '2026-03-01T19:00:00Z' } }]);
    await t.advance(2 * 24 * 3600 * 1000);
    expect(calls.map((c) => (c.event as { Time: string }).Time)).toEqual(['2026-03-01T19:00:00Z', '2026-03-02T19:00:00Z', '2026-03-03T19:00:00Z']);
    expect(runs.every((r) => r.ok)).toBe(true);
    await s.stop();
  });

  it('never overlaps runs of one trigger: a fire during a run is skipped', async () => {
    const t = fakeTime('2026-03-01T00:00:00Z');
    let release: () => void = () => undefined;
    const { fn, calls } = recordingFunction(() => new Promise((resolve) => (release = () => resolve({ ok: true, data: null }))));
    const s = createScheduler({ triggers: [trigger('*/10 * * * * * *')], functions: { housekeeping: fn }, deps, clock: t.clock, timer: t.timer, log: silent });
    s.start();
    await t.advance(10_000);
    expect(calls).toHaveLength(1);
    await t.advance(30_000); // three more fires while the first run hangs
    expect(calls).toHaveLength(1);
    release();
    await new Promise((r) => setImmediate(r));
    await t.advance(10_000);
    expect(calls).toHaveLength(2);
    release();
    await s.stop();
  });

  it('keeps firing after a failed or throwing run and reports it', async () => {
    const t = fakeTime('2026-03-01T00:00:00Z');
    let n = 0;
    const { fn, calls } = recordingFunction(async () => {
      n++;
      if (n === 1) throw new Error('boom');
      return { ok: false, code: 'INTERNAL', message: '系统繁忙，请稍后再试' };
    });
    const runs: TriggerRun[] = [];
    const errors: string[] = [];
    const log: Logger = { info: () => undefined, error: (m) => errors.push(m) };
    const s = createScheduler({ triggers: [trigger('0 * * * * * *')], functions: { housekeeping: fn }, deps, clock: t.clock, timer: t.timer, log, onRun: (r) => runs.push(r) });
    s.start();
    await t.advance(180_000);
    expect(calls).toHaveLength(3);
    expect(runs.map((r) => [r.ok, r.code])).toEqual([[false, 'INTERNAL'], [false, 'INTERNAL'], [false, 'INTERNAL']]);
    expect(errors[0]).toMatch(/threw/);
    expect(errors[1]).toMatch(/failed.*INTERNAL/);
    await s.stop();
  });

  it('stop cancels pending fires and waits for a run in progress', async () => {
    const t = fakeTime('2026-03-01T00:00:00Z');
    let release: () => void = () => undefined;
    const { fn, calls } = recordingFunction(() => new Promise((resolve) => (release = () => resolve({ ok: true, data: null }))));
    const s = createScheduler({ triggers: [trigger('* * * * * * *')], functions: { housekeeping: fn }, deps, clock: t.clock, timer: t.timer, log: silent });
    s.start();
    await t.advance(1000);
    let stopped = false;
    const stopping = s.stop().then(() => (stopped = true));
    await new Promise((r) => setImmediate(r));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(t.pendingCount()).toBe(0);
    await t.advance(60_000);
    expect(calls).toHaveLength(1);
  });

  it('skips missed fires after the clock jumps instead of replaying each one', async () => {
    const t = fakeTime('2026-03-01T00:00:00Z');
    const { fn, calls } = recordingFunction();
    const s = createScheduler({ triggers: [trigger('0 * * * * * *')], functions: { housekeeping: fn }, deps, clock: t.clock, timer: t.timer, log: silent });
    s.start();
    // A timer that wakes late (laptop asleep for an hour): one run, then the next minute after now.
    const late = t.clock.now();
    Object.assign(t.clock, { now: () => new Date(late.getTime() + 3600_000) });
    await t.advance(60_000);
    expect(calls).toHaveLength(1);
    expect(s.upcoming()[0].at?.toISOString()).toBe('2026-03-01T01:01:00.000Z');
    await s.stop();
  });

  it('ignores a trigger for a function that is not in the registry', async () => {
    const t = fakeTime('2026-03-01T00:00:00Z');
    const errors: string[] = [];
    const s = createScheduler({ triggers: [trigger('* * * * * * *', 't', 'nope')], functions: {}, deps, clock: t.clock, timer: t.timer, log: { info: () => undefined, error: (m) => errors.push(m) } });
    s.start();
    expect(s.upcoming()).toEqual([]);
    expect(errors[0]).toMatch(/nope/);
    await s.stop();
  });
});

describe('readTimerTriggers', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'wgt-cf-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const write = (fn: string, content: string) => {
    mkdirSync(join(dir, fn), { recursive: true });
    writeFileSync(join(dir, fn, 'config.json'), content);
  };

  it('reads timer triggers from every function config and skips broken ones with a log line', () => {
    write('housekeeping', JSON.stringify({ triggers: [{ name: 'dailyPurge', type: 'timer', config: '0 30 3 * * * *' }] }));
    write('account', '{}');
    write('broken', '{ not json');
    write('badcron', JSON.stringify({ triggers: [{ name: 'x', type: 'timer', config: '0 0 3 * * *' }] }));
    write('other', JSON.stringify({ triggers: [{ name: 'y', type: 'cos', config: 'whatever' }] }));
    const errors: string[] = [];
    const found = readTimerTriggers(dir, { info: () => undefined, error: (m) => errors.push(m) });
    expect(found.map((t) => [t.functionName, t.name, t.config])).toEqual([['housekeeping', 'dailyPurge', '0 30 3 * * * *']]);
    expect(errors).toHaveLength(2);
  });

  it('finds nothing when the folder does not exist', () => {
    expect(readTimerTriggers(join(dir, 'missing'), silent)).toEqual([]);
  });

  it('reads the project housekeeping trigger', () => {
    const found = readTimerTriggers(join(__dirname, '..', '..', 'cloudfunctions'), silent);
    expect(found.find((t) => t.functionName === 'housekeeping')).toMatchObject({ name: 'dailyPurge' });
  });
});
