import { functionHarness } from '../../testing/function-harness';
import { PURGE_BATCH, PURGE_MAX_ROUNDS, purgeOrphanUploads } from './purge-orphan-uploads';

describe('the unused-upload purge', () => {
  it('removes at most its rounds × batch per run, says more is left, and the next run takes the rest', async () => {
    const h = await functionHarness(new Date('2026-11-20T00:00:00Z'));
    try {
      const total = PURGE_BATCH * PURGE_MAX_ROUNDS + 30;
      const limits = { rate: [{ windowMinutes: 1, max: 1 }], bytesPerDay: 100 };
      for (let i = 0; i < total; i++) {
        const fileId = i.toString(16).padStart(32, '0');
        await h.deps.store.uploads.register({ fileId, ownerId: `u${i}`, contentType: 'image/png', size: 10, createdAt: '2026-11-18T00:00:00.000Z', referencedAt: null }, limits);
      }
      const ctx = { deps: h.deps, now: h.clock.now() };
      expect(await purgeOrphanUploads(ctx)).toEqual({ checked: PURGE_BATCH * PURGE_MAX_ROUNDS, removed: PURGE_BATCH * PURGE_MAX_ROUNDS, more: true });
      expect(await purgeOrphanUploads(ctx)).toEqual({ checked: 30, removed: 30, more: false });
      expect(await purgeOrphanUploads(ctx)).toEqual({ checked: 0, removed: 0, more: false });
    } finally {
      await h.close();
    }
  });
});
