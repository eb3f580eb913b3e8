import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../use-cases/context';
import { demoSeedWanted, startRuntime } from './main';

const silent: Logger = { info: () => undefined, error: () => undefined };

describe('demo data only where asked', () => {
  it('WGT_DEMO=off and production turn the demo street off; plain dev keeps it', () => {
    expect(demoSeedWanted('dev', undefined)).toBe(true);
    expect(demoSeedWanted('dev', '')).toBe(true);
    expect(demoSeedWanted('dev', 'off')).toBe(false);
    expect(demoSeedWanted('dev', ' OFF ')).toBe(false);
    expect(demoSeedWanted('production', undefined)).toBe(false);
    expect(demoSeedWanted('production', 'on')).toBe(false);
  });

  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'wgt-seed-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('a runtime started with seed off stays empty, and so does a restart of it', async () => {
    const rt = await startRuntime({ port: 0, dataDir, seed: false, scheduler: false, log: silent });
    try {
      expect(rt.seeded).toBe(false);
      expect(rt.store.isEmpty()).toBe(true);
    } finally {
      await rt.close();
    }
    const again = await startRuntime({ port: 0, dataDir, seed: false, scheduler: false, log: silent });
    try {
      expect(again.store.isEmpty()).toBe(true);
    } finally {
      await again.close();
    }
  });

  it('production never writes demo data, even when seeding is asked for', async () => {
    const rt = await startRuntime({ port: 0, dataDir, mode: 'production', seed: true, scheduler: false, log: silent });
    try {
      expect(rt.seeded).toBe(false);
      expect(rt.store.isEmpty()).toBe(true);
      expect(rt.store.countUsers()).toBe(0);
    } finally {
      await rt.close();
    }
  });
});
