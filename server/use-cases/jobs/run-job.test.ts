import { functionHarness, type Harness } from '../../testing/function-harness';
import { runJob } from './run-job';

describe('runJob', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await functionHarness(new Date('2026-11-23T02:00:00Z'));
  });
  afterEach(() => h.close());

  it('runs one at a time: a second run while the first holds the lock does nothing', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const first = runJob(h.deps, 'job', 60_000, async () => {
      await held;
      return 'first';
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await runJob(h.deps, 'job', 60_000, async () => 'second')).toEqual({ ran: false, reason: 'locked' });
    release();
    expect(await first).toEqual({ ran: true, result: 'first' });
    expect(await runJob(h.deps, 'job', 60_000, async () => 'third')).toEqual({ ran: true, result: 'third' });
  });

  it('a run that dies keeps the lock until it expires; the next run starts from its last checkpoint, and the dead one can save no more', async () => {
    let saveAgain!: () => void;
    const stuck = new Promise<void>((resolve) => (saveAgain = resolve));
    const dead = runJob(h.deps, 'job', 60_000, async (run) => {
      await run.save('batch-1');
      await run.save('batch-2');
      await stuck; // the instance is frozen here
      await run.save('batch-3');
      return 'never';
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    h.clock.set(new Date('2026-11-23T02:00:59Z'));
    expect(await runJob(h.deps, 'job', 60_000, async () => 'too early')).toEqual({ ran: false, reason: 'locked' });
    h.clock.set(new Date('2026-11-23T02:01:01Z'));
    const seen: (string | null)[] = [];
    const next = runJob(h.deps, 'job', 60_000, async (run) => {
      seen.push(run.checkpoint);
      await run.save('batch-3');
      await run.save(null);
      return 'finished';
    });
    expect(await next).toEqual({ ran: true, result: 'finished' });
    expect(seen).toEqual(['batch-2']);
    saveAgain();
    expect(await dead).toEqual({ ran: false, reason: 'lock_lost' });
    expect(await runJob(h.deps, 'job', 60_000, async (run) => run.checkpoint)).toEqual({ ran: true, result: null });
  });

  it('a run that fails releases the lock and keeps the checkpoint it saved', async () => {
    await expect(
      runJob(h.deps, 'job', 60_000, async (run) => {
        await run.save('half');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await runJob(h.deps, 'job', 60_000, async (run) => run.checkpoint)).toEqual({ ran: true, result: 'half' });
  });
});
