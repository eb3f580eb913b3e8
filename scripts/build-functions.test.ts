/**
 * The bundle policy of scripts/build-functions.mjs: only production code and allowed packages may reach
 * a cloud function bundle. The script is ESM run by node, so it is exercised in a child process.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');

function violations(inputs: string[], externals: string[] = []): string[] {
  const code = `
    import { bundleViolations } from ${JSON.stringify(path.join(ROOT, 'scripts/build-functions.mjs'))};
    process.stdout.write(JSON.stringify(bundleViolations(${JSON.stringify(inputs)}, ${JSON.stringify(externals)})));
  `;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', code], { cwd: ROOT, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as string[];
}

describe('bundle policy', () => {
  it('accepts core, server production code, the function entry, allowed packages, the SDK and node builtins', () => {
    expect(
      violations(
        [
          'cloudfunctions/grid/index.ts',
          'cloudfunctions/cloudbase-entry.ts',
          'core/shared/errors.ts',
          'server/functions/define-function.ts',
          'server/adapters/cloudbase/cloudbase-store.ts',
          'node_modules/dayjs/dayjs.min.js',
          '<runtime>',
        ],
        ['@cloudbase/node-sdk', 'node:crypto', 'path', '<runtime>'],
      ),
    ).toEqual([]);
  });

  it.each([
    ['node_modules/better-sqlite3/lib/index.js', /better-sqlite3.*local runtime/],
    ['node_modules/@tarojs/taro/index.js', /@tarojs\/taro.*Taro/],
    ['node_modules/react/index.js', /React/],
    ['node_modules/left-pad/index.js', /not in ALLOWED_PACKAGES/],
    ['server/runtime/gateway.ts', /local runtime/],
    ['server/adapters/embedded/embedded-store.ts', /embedded adapters/],
    ['server/adapters/cloudbase/testing/fake-db.ts', /test code/],
    ['server/use-cases/grid/get-card.test.ts', /test code/],
    ['server/adapters/store.contract.ts', /test code/],
    ['src/lib/cloud-client.ts', /only core\/, server\/, cloudfunctions\//],
  ])('rejects %s', (input, why) => {
    const problems = violations([input]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(why);
  });

  it('rejects an external import the cloud runtime does not provide', () => {
    expect(violations([], ['better-sqlite3'])).toEqual([expect.stringMatching(/better-sqlite3.*not provided/)]);
  });
});
