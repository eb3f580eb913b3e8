import type { ImportJobView, RegisterInspection, RegisterReport } from '@core/api/register.contract';
import type { ParsedRegister } from '@core/registers/register-data';
import type { Reply } from '@core/shared/errors';
import { functionHarness, type Harness } from '../testing/function-harness';
import { smallPdf } from '../testing/pdf.fixture';
import { addStreetAdmin, NEW_GRID, smallStreetRegister, storeRegister, testRegisterReader, type TestRegisterReader } from '../testing/register.fixture';

function code<T>(reply: Reply<T>): string {
  return reply.ok ? 'ok' : reply.code;
}
function data<T>(reply: Reply<T>): T {
  if (!reply.ok) throw new Error(`${reply.code}: ${reply.message}`);
  return reply.data;
}

describe('register function', () => {
  let h: Harness;
  let files: Map<string, ParsedRegister>;
  let reader: TestRegisterReader;
  beforeEach(async () => {
    h = await functionHarness();
    files = new Map();
    reader = testRegisterReader(files);
    h.deps.registerReader = reader;
    await addStreetAdmin(h);
  });
  afterEach(() => h.close());

  const upload = (parsed = smallStreetRegister(), owner = 'admin') => storeRegister(h, files, owner, parsed);
  const mobiles = ['13700000001', '13700000002'];

  it('dry run reports what the file would do and writes nothing', async () => {
    const fileId = await upload();
    const before = await h.deps.store.registers.snapshot('s1', mobiles);
    const report = data(await h.call<RegisterReport>('admin', 'register', 'dryRun', { fileId }));
    expect(report).toMatchObject({ fileId, clean: true, problems: [] });
    // 西苑's grid keeps its worker: the staff sheet lists only 东湖's people.
    expect(report.counts.grids).toEqual({ added: 1, changed: 3, unchanged: 1, removed: 0 });
    // Only 东湖's households can be missing: the file lists no household of 西苑.
    expect(report.counts.households).toEqual({ added: 20, changed: 0, unchanged: 0, removed: 24 });
    // 东湖's people the sheet leaves out; 西苑's and the street's (the sheet lists none of them) are not counted.
    expect(report.counts.staff).toEqual({ added: 2, changed: 0, unchanged: 0, removed: 3 });
    expect(report.toVerify).toHaveLength(3);
    expect(report.toVerify).toContain('东湖社区1号楼1单元101室');
    expect(await h.deps.store.registers.snapshot('s1', mobiles)).toEqual(before);
  });

  it('apply imports the file as a job in one call, audits it once; the same file again writes nothing', async () => {
    const fileId = await upload();
    const job = data(await h.call<ImportJobView>('admin', 'register', 'apply', { fileId }));
    expect(job).toMatchObject({ status: 'done', error: null });
    expect(job.done).toBe(job.total);
    expect(job.total).toBeGreaterThan(50);
    const grid = (await h.deps.store.places.listGrids({ streetId: 's1' })).find((g) => g.code === NEW_GRID)!;
    expect(grid).toMatchObject({ households: 20, version: 2 });
    expect((await h.deps.store.users.getById(grid.primaryWorkerId!))).toMatchObject({ name: '新网格员', openid: `unbound:${grid.primaryWorkerId}` });
    expect((await h.deps.store.places.getHousehold('b1u1r101'))!.toVerify).toBe(true);
    expect(data(await h.call<ImportJobView>('admin', 'register', 'job', { jobId: job.jobId }))).toEqual(job);
    const audits = (await h.deps.store.people.auditPage('s1', null, 10)).items.filter((e) => e.action === 'register.import');
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorId: 'admin', targetId: 's1', detail: { fileId, counts: job.report.counts, toVerify: 3 } });

    const after = await h.deps.store.registers.snapshot('s1', mobiles);
    const again = data(await h.call<ImportJobView>('admin', 'register', 'apply', { fileId: await upload() }));
    expect(again).toMatchObject({ status: 'done', total: 0, done: 0 });
    expect(again.report.counts.households).toEqual({ added: 0, changed: 0, unchanged: 20, removed: 24 });
    expect(await h.deps.store.registers.snapshot('s1', mobiles)).toEqual(after);
  });

  it('inspect offers the mappings the admin confirmed when applying a file with the same headers', async () => {
    const fileId = await upload();
    const first = data(await h.call<RegisterInspection>('admin', 'register', 'inspect', { fileId }));
    expect(first).toMatchObject({ fileId, format: 'xlsx', sheets: [{ sheet: '房屋', remembered: false }] });
    const mappings = [{ sheet: '房屋', kind: 'households', columns: { gridCode: '网格编码', building: '楼栋', unit: '单元', room: '房号' } }];
    data(await h.call('admin', 'register', 'apply', { fileId, mappings }));
    const second = data(await h.call<RegisterInspection>('admin', 'register', 'inspect', { fileId: await upload() }));
    expect(second.sheets[0].remembered).toBe(true);
    expect(reader.rememberedSeen.at(-1)).toEqual([{ sheet: '房屋', kind: 'households', columns: mappings[0].columns }]);
  });

  it('refuses a file with problems, and writes no job and no row', async () => {
    const bad = smallStreetRegister();
    bad.households[0].gridCode = '420100001001099';
    const fileId = await upload(bad);
    const before = await h.deps.store.registers.snapshot('s1', mobiles);
    const report = data(await h.call<RegisterReport>('admin', 'register', 'dryRun', { fileId }));
    expect(report.clean).toBe(false);
    expect(report.problems).toEqual([expect.objectContaining({ sheet: '房屋', row: 2, column: '网格编码', code: 'IMPORT.UNKNOWN_GRID' })]);
    const reply = await h.call('admin', 'register', 'apply', { fileId });
    expect(code(reply)).toBe('IMPORT.NOT_CLEAN');
    expect(reply.ok ? '' : reply.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await h.deps.store.registers.snapshot('s1', mobiles)).toEqual(before);
  });

  it('refuses files that are not the caller\'s, files that do not exist, and bad input', async () => {
    const others = await upload(smallStreetRegister(), 'ss');
    for (const action of ['inspect', 'dryRun', 'apply']) {
      expect(code(await h.call('admin', 'register', action, { fileId: others }))).toBe('IMPORT.FILE_NOT_OWNED');
      expect(code(await h.call('admin', 'register', action, { fileId: 'ab'.repeat(16) }))).toBe('IMPORT.FILE_NOT_FOUND');
      expect(code(await h.call('admin', 'register', action, { fileId: 'a<b>"c' }))).toBe('INPUT.INVALID');
    }
    expect(code(await h.call('admin', 'register', 'dryRun', { fileId: await upload(), mappings: [{ sheet: '房屋', kind: 'rooms', columns: {} }] }))).toBe('INPUT.INVALID');
    // A PDF of the caller's own is still not a register.
    const pdf = await h.upload('admin', await smallPdf());
    expect(code(await h.call('admin', 'register', 'dryRun', { fileId: pdf }))).toBe('IMPORT.FILE_TYPE');
  });

  it('refuses everyone but a street admin, and a job of another street or another file', async () => {
    const fileId = await upload();
    for (const who of ['ss', 'cs1', 'w1', 'r1']) expect(code(await h.call(who, 'register', 'apply', { fileId }))).toBe('AUTH.FORBIDDEN');
    const job = data(await h.call<ImportJobView>('admin', 'register', 'apply', { fileId }));
    expect(code(await h.call('admin', 'register', 'job', { jobId: 'nope' }))).toBe('IMPORT.JOB_NOT_FOUND');
    expect(code(await h.call('admin', 'register', 'apply', { fileId: await upload(), jobId: job.jobId }))).toBe('IMPORT.JOB_NOT_FOUND');
    await addStreetAdmin(h, 'admin2', 's2');
    expect(code(await h.call('admin2', 'register', 'job', { jobId: job.jobId }))).toBe('IMPORT.JOB_NOT_FOUND');
    const theirs = await upload(smallStreetRegister(), 'admin2');
    expect(code(await h.call('admin2', 'register', 'dryRun', { fileId: theirs }))).toBe('STREET.NOT_FOUND');
  });
});
