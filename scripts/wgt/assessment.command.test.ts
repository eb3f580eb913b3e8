import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { openEmbeddedStore, type EmbeddedStore } from '../../server/adapters/embedded/embedded-store';
import { LocalFileStorage } from '../../server/runtime/local-files';
import { localDeps } from '../../server/runtime/local-deps';
import { FUNCTIONS } from '../../server/functions/registry';
import { SILENT } from '../../server/testing/function-harness';
import { smallStreet } from '../../server/testing/small-street.fixture';
import { assessmentCommand } from './assessment.command';
import { parseCliArgs } from './cli-args';
import type { CliTarget } from './target';

describe('npm run wgt -- assessment recount', () => {
  let dir: string;
  let store: EmbeddedStore;
  let out: string[];
  let err: string[];
  let run: (argv: string) => Promise<number>;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wgt-asm-'));
    store = openEmbeddedStore(':memory:');
    await store.importPlaces(smallStreet());
    const clock = { now: () => new Date('2026-11-23T02:00:00Z') };
    const deps = localDeps({ store, files: new LocalFileStorage({ dir, secret: randomBytes(32), clock }), clock, bindUrlBase: 'https://wgt.example/bind?t=', log: SILENT });
    for (const key of ['cli-recount-1', 'cli-recount-2']) {
      await FUNCTIONS.request.handle({ kind: 'user', openid: 'open-r1' }, { action: 'submit', data: { idempotencyKey: key, categoryId: 'k-env', description: '楼道灯不亮了', photoFileIds: [], hideName: false } }, deps);
    }
    const target: CliTarget = { kind: 'local', where: 'data', publicUrl: 'http://127.0.0.1:8787', deps, close: async () => undefined };
    out = [];
    err = [];
    const command = assessmentCommand(async () => target, (l) => out.push(l), (l) => err.push(l));
    run = (argv) => command(parseCliArgs(argv.split(' ').filter(Boolean)));
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports in Chinese that the counters agree (exit 0)', async () => {
    expect(await run('recount')).toBe(0);
    expect(out).toEqual(['正在重算考核统计（data）…', '已重算 1 个街道的 2 件诉求，共 8 个统计计数。', '统计计数与诉求记录完全一致。']);
  });

  it('reports a difference (exit 1), and fixes it with --fix (exit 0)', async () => {
    const [row] = await store.assessment.counters({ streetId: 's1', scopeKind: 'grid', scopeIds: ['g1'], periods: ['2026-11'] });
    await store.assessment.overwrite('s1', [{ ...row, counters: { ...row.counters, filed: 5 } }]);
    expect(await run('recount')).toBe(1);
    expect(out).toContain('  s1|grid|g1|2026-11 的 filed: 存储值 5，重算值 2');
    expect(out).toContain('未修正（加 --fix 按重算值修正）。');
    out.length = 0;
    expect(await run('recount --fix --street s1')).toBe(0);
    expect(out).toContain('已按重算值修正 1 个统计计数。');
    out.length = 0;
    expect(await run('recount')).toBe(0);
    expect(out).toContain('统计计数与诉求记录完全一致。');
  });

  it('refuses anything else with its usage (exit 2)', async () => {
    expect(await run('count')).toBe(2);
    expect(await run('')).toBe(2);
    expect(err[0]).toMatch(/^用法: npm run wgt -- assessment recount/);
  });
});
