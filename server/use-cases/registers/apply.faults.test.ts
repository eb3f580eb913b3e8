/**
 * Faults during an import: a store whose k-th batch transaction fails (after its writes, so they must
 * roll back), for every k. After each fault, resuming the job must leave the store exactly as one clean
 * run does — nothing lost, nothing written twice (grid versions count every write), one audit entry.
 */
import type { ImportJobView } from '@core/api/register.contract';
import type { RegisterSnapshot } from '@core/registers/plan';
import type { ParsedRegister } from '@core/registers/register-data';
import type { Deps } from '../context';
import type { Store } from '../../ports/store.port';
import { functionHarness, type Harness } from '../../testing/function-harness';
import { addStreetAdmin, smallStreetRegister, storeRegister, testRegisterReader } from '../../testing/register.fixture';
import { runImport } from './apply';

const MOBILES = ['13700000001', '13700000002'];
const BATCH = 7;

/** The store, except that its `failOn`-th transaction throws once its work is done. */
function faulty(store: Store, failOn: number): Store & { transactions: () => number } {
  let n = 0;
  return {
    ...store,
    transactions: () => n,
    transact: (work) =>
      store.transact(async (tx) => {
        const result = await work(tx);
        n++;
        if (n === failOn) throw new Error(`fault in transaction ${n}`);
        return result;
      }),
  };
}

/** A snapshot without new grids' QR tokens (drawn at random per write attempt). */
function comparable(s: RegisterSnapshot | null): unknown {
  return s && { ...s, grids: s.grids.map((g) => ({ ...g, qrToken: g.qrToken.startsWith('qr') && g.qrToken.endsWith('token') ? g.qrToken : 'new' })) };
}

interface Run {
  h: Harness;
  deps: Deps;
  fileId: string;
}

async function setUp(store?: (s: Store) => Store): Promise<Run> {
  const h = await functionHarness();
  const files = new Map<string, ParsedRegister>();
  h.deps.registerReader = testRegisterReader(files);
  await addStreetAdmin(h);
  const fileId = await storeRegister(h, files, 'admin', smallStreetRegister());
  let id = 0;
  const deps: Deps = { ...h.deps, store: store ? store(h.deps.store) : h.deps.store, newId: () => `id${++id}` };
  return { h, deps, fileId };
}

async function importAll(r: Run, onError: (e: unknown) => void = (e) => { throw e; }): Promise<ImportJobView> {
  let jobId: string | undefined;
  for (let call = 0; call < 100; call++) {
    try {
      // budget 0: one batch per call, as if every call ran out of time.
      const view = await runImport(r.deps, { streetId: 's1', actorId: 'admin', fileId: r.fileId, file: { bytes: (await r.deps.files.read(r.fileId))!, name: 'f' }, jobId, budgetMs: 0, batchSize: BATCH });
      jobId = view.jobId;
      if (view.status !== 'running') return view;
    } catch (e) {
      onError(e);
      // The job is created before any batch: its id is the first one drawn.
      jobId = 'id1';
    }
  }
  throw new Error('the import did not finish');
}

describe('register import under faults', () => {
  let clean: { snapshot: unknown; job: ImportJobView; batches: number; audits: number };

  beforeAll(async () => {
    let counted: ReturnType<typeof faulty> | null = null;
    const r = await setUp((s) => (counted = faulty(s, Number.POSITIVE_INFINITY)));
    const job = await importAll(r);
    clean = {
      snapshot: comparable(await r.deps.store.registers.snapshot('s1', MOBILES)),
      job,
      batches: counted!.transactions(),
      audits: (await r.deps.store.people.auditPage('s1', null, 50)).items.filter((e) => e.action === 'register.import').length,
    };
    await r.h.close();
  });

  it('a clean run takes several batches and ends with one audit entry', () => {
    expect(clean.job).toMatchObject({ status: 'done' });
    expect(clean.job.done).toBe(clean.job.total);
    expect(clean.batches).toBe(Math.ceil((clean.job.total - 5) / BATCH) + 1);
    expect(clean.batches).toBeGreaterThan(5);
    expect(clean.audits).toBe(1);
  });

  it('after a fault in any batch, resuming the job gives the store of one clean run', async () => {
    for (let k = 1; k <= clean.batches; k++) {
      const errors: unknown[] = [];
      const r = await setUp((s) => faulty(s, k));
      const job = await importAll(r, (e) => errors.push(e));
      expect(errors.map(String)).toEqual([`Error: fault in transaction ${k}`]);
      expect(job).toMatchObject({ status: 'done', done: clean.job.done, total: clean.job.total });
      expect(comparable(await r.deps.store.registers.snapshot('s1', MOBILES))).toEqual(clean.snapshot);
      const audits = (await r.deps.store.people.auditPage('s1', null, 50)).items.filter((e) => e.action === 'register.import');
      expect(audits).toHaveLength(1);
      await r.h.close();
    }
  });

  it('two calls racing on one job: only one batch lands, the other is told the job is busy', async () => {
    const r = await setUp();
    const file = { bytes: (await r.deps.files.read(r.fileId))!, name: 'f' };
    const started = await runImport(r.deps, { streetId: 's1', actorId: 'admin', fileId: r.fileId, file, budgetMs: 0, batchSize: BATCH });
    const both = await Promise.allSettled([1, 2].map(() => runImport(r.deps, { streetId: 's1', actorId: 'admin', fileId: r.fileId, file, jobId: started.jobId, budgetMs: 0, batchSize: BATCH })));
    expect(both.map((x) => x.status).sort()).toEqual(['fulfilled', 'rejected']);
    const job = await importAll({ ...r });
    expect(job.status).toBe('done');
    await r.h.close();
  });
});
