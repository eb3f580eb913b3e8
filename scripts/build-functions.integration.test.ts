/**
 * Builds the real bundles and loads each in a fresh Node process, the way the cloud runtime does
 * (`require('./index.js').main`), with every network primitive trapped: loading a function must not
 * reach the network (the SDK is initialised on the first call, not at require time).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const FUNCTION_ROOT = path.join(ROOT, 'cloudfunctions');
const functions = readdirSync(FUNCTION_ROOT).filter((n) => statSync(path.join(FUNCTION_ROOT, n)).isDirectory() && n !== 'node_modules');

const NETWORK_TRAP = `
const net = require('node:net');
const dns = require('node:dns');
const trap = (what) => { process.stderr.write('NETWORK_CALL ' + what + '\\n'); };
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) { trap('connect ' + JSON.stringify(args[0] && (args[0].host || args[0].path || args[0]))); return connect.apply(this, args); };
const lookup = dns.lookup;
dns.lookup = function (host, ...rest) { trap('dns ' + host); return lookup.call(this, host, ...rest); };
dns.promises.lookup = async (host) => { trap('dns ' + host); throw new Error('blocked'); };
`;

describe('function bundles', () => {
  let build: ReturnType<typeof spawnSync>;

  beforeAll(() => {
    build = spawnSync(process.execPath, [path.join(ROOT, 'scripts/build-functions.mjs')], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  }, 120_000);

  it('build without policy violations and print each size', () => {
    expect(build.stderr).toBe('');
    expect(build.status).toBe(0);
    for (const name of functions) expect(build.stdout).toMatch(new RegExp(`✓ ${name}\\s+[\\d.]+ KB`));
  });

  it.each(functions)('%s loads in a fresh process, exports main, and touches no network at require time', (name) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'wgt-trap-'));
    const trap = path.join(dir, 'trap.cjs');
    writeFileSync(trap, NETWORK_TRAP);
    const script = `
      const fn = require(${JSON.stringify(path.join(FUNCTION_ROOT, name, 'index.js'))});
      setTimeout(() => { process.stdout.write(typeof fn.main); }, 300);
    `;
    // A clean environment, as outside SCF: this is where the SDK would probe the metadata service if initialised.
    const env = { PATH: process.env.PATH, HOME: process.env.HOME ?? dir };
    const run = spawnSync(process.execPath, ['--require', trap, '-e', script], { cwd: FUNCTION_ROOT, env, encoding: 'utf8', timeout: 30_000 });
    expect(run.stderr).not.toContain('NETWORK_CALL');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('function');
  });

  it.each(functions)('%s answers its first call in an SCF-like environment: the SDK initialises with SYMBOL_CURRENT_ENV', (name) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'wgt-trap-'));
    const trap = path.join(dir, 'trap.cjs');
    writeFileSync(trap, NETWORK_TRAP);
    // An unknown action is refused before any store access, so this call needs no network.
    const script = `
      const fn = require(${JSON.stringify(path.join(FUNCTION_ROOT, name, 'index.js'))});
      fn.main({ action: 'no-such-action' }, {}).then(
        (reply) => process.stdout.write(JSON.stringify(reply)),
        (e) => { process.stderr.write('THREW ' + (e && e.message)); process.exitCode = 1; },
      );
    `;
    const env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME ?? dir,
      TENCENTCLOUD_RUNENV: 'SCF',
      SCF_NAMESPACE: 'wgt-test-env',
      TENCENTCLOUD_REGION: 'ap-shanghai',
      WX_OPENID: 'o-test-user',
    };
    const run = spawnSync(process.execPath, ['--require', trap, '-e', script], { cwd: FUNCTION_ROOT, env, encoding: 'utf8', timeout: 30_000 });
    expect(run.stderr).not.toContain('THREW');
    expect(run.stderr).not.toContain('NETWORK_CALL');
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: false, code: 'ACTION.UNKNOWN' });
  });

  it('the network trap itself catches the SDK when it is initialised (so the check above can fail)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'wgt-trap-'));
    const trap = path.join(dir, 'trap.cjs');
    writeFileSync(trap, NETWORK_TRAP);
    const script = `
      const cloudbase = require('@cloudbase/node-sdk');
      cloudbase.init({ env: cloudbase.SYMBOL_CURRENT_ENV });
      setTimeout(() => {}, 300);
    `;
    const env = { PATH: process.env.PATH, HOME: process.env.HOME ?? dir };
    const run = spawnSync(process.execPath, ['--require', trap, '-e', script], { cwd: ROOT, env, encoding: 'utf8', timeout: 30_000 });
    expect(run.stderr).toContain('NETWORK_CALL');
  });
});
