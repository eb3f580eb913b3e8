import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const SCRIPT = path.resolve(__dirname, 'size-check.mjs');
const KB = 1024;

/** A fake weapp build: app.json with the given subpackage roots, and files of the given sizes. */
function fakeDist(subPackages: string[], files: Record<string, number>): string {
  const dist = mkdtempSync(path.join(tmpdir(), 'wgt-dist-'));
  writeFileSync(path.join(dist, 'app.json'), JSON.stringify({ pages: ['pages/index/index'], subPackages: subPackages.map((root) => ({ root, pages: ['p'] })) }));
  for (const [rel, bytes] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dist, rel)), { recursive: true });
    writeFileSync(path.join(dist, rel), Buffer.alloc(bytes));
  }
  return dist;
}

function run(dist: string) {
  return spawnSync(process.execPath, [SCRIPT, '--dist', dist], { encoding: 'utf8' });
}

describe('size-check', () => {
  it('prints the main package, each subpackage and the total, and passes within the budget and under 2 MB each', () => {
    const dist = fakeDist(['features/cards', 'features/admin/'], {
      'app.js': 300 * KB,
      'pages/index/index.js': 49 * KB,
      'features/cards/pages/card.js': 200 * KB,
      'features/admin/pages/assign.js': 50 * KB,
      'app.js.map': 5000 * KB,
    });
    const r = run(dist);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/✓ 主包 main\s+349\.\d KB\s+\(budget 350\.0 KB\)/); // + app.json itself, which is in the main package
    expect(r.stdout).toMatch(/features\/cards\/\s+200\.0 KB/);
    expect(r.stdout).toMatch(/features\/admin\/\s+50\.0 KB/);
    expect(r.stdout).toMatch(/total\s+599\.\d KB/);
  });

  it('fails when the main package exceeds its 350 KB budget, though far under 2 MB', () => {
    const r = run(fakeDist(['sub'], { 'app.js': 351 * KB, 'sub/a.js': 10 }));
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/✗ 主包 main\s+351\.\d KB\s+exceeds the main-package budget of 350\.0 KB/);
  });

  it('fails when the main package exceeds 2 MB', () => {
    const r = run(fakeDist(['sub'], { 'vendors.js': 2 * KB * KB + 1, 'sub/a.js': 10 }));
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/✗ 主包 main.*exceeds 2 MB/);
  });

  it('fails when a subpackage exceeds 2 MB even if the main package is small', () => {
    const r = run(fakeDist(['sub'], { 'app.js': 10, 'sub/big.js': 2 * KB * KB + 1 }));
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/✗ sub\/.*exceeds 2 MB/);
  });

  it('fails with a hint when there is no weapp build', () => {
    const r = run(mkdtempSync(path.join(tmpdir(), 'wgt-empty-')));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('npm run build:weapp');
  });
});
