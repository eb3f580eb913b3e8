import type { ContactCardView, GridSummary, MyCardEdit, PosterView, WorkerSummary } from '@core/api/contract';
import type { RequestDetail } from '@core/api/request.contract';
import type { Reply } from '@core/shared/errors';
import { functionHarness, type Harness } from '../testing/function-harness';

function data<T>(reply: Reply<T>): T {
  if (!reply.ok) throw new Error(`expected ok, got ${reply.code}: ${reply.message}`);
  return reply.data;
}

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

describe('grid function', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await functionHarness(new Date('2026-11-23T02:00:00Z')); // Monday 10:00 in Beijing
  });
  afterEach(() => h.close());

  it("shows a resident their grid's card: worker, backup, duty, hotline, and no resident's phone anywhere", async () => {
    const card = data(await h.call<ContactCardView>('r1', 'grid', 'myCard'));
    expect(card.grid).toMatchObject({ id: 'g1', name: '东湖社区第1网格', communityName: '东湖社区', streetName: '银杏街道' });
    expect(card.grid.boundaryText).toBe('东至东1路，南至南1街，西至西1巷，北至北1路');
    expect(card.worker).toMatchObject({ name: '张伟', workPhone: '13800000001', dutyText: '周一至周五 08:30–17:30', onDuty: true });
    expect(card.backup).toMatchObject({ name: '李娜', workPhone: '13800000002' });
    expect(card.hotline).toEqual({ name: '东湖社区服务热线', phone: '0710-8000001' });
    expect(card.address).toBe('东湖社区1号楼1单元101室');
    // Fixture residents' and workers' personal phones start 139: none may leak into a card.
    expect(JSON.stringify(card)).not.toMatch(/139\d{8}/);
  });

  it('says the worker is resting outside duty hours', async () => {
    h.clock.set(new Date('2026-11-22T02:00:00Z')); // Sunday 10:00
    expect(data(await h.call<ContactCardView>('r1', 'grid', 'myCard')).worker?.onDuty).toBe(false);
  });

  it('a worker edits their own card and their residents see the change at once', async () => {
    const edit = data(await h.call<MyCardEdit>('w1', 'grid', 'myCardEdit'));
    expect(edit.grids).toEqual(['东湖社区第1网格', '东湖社区第2网格（B角）']);
    const saved = data(
      await h.call<MyCardEdit>('w1', 'grid', 'updateMyCard', {
        ...edit.card,
        intro: '每周三下午入户走访',
        dutyHours: [{ days: [3, 1, 1], start: '09:00', end: '18:00' }],
      }),
    );
    expect(saved.card.dutyHours).toEqual([{ days: [1, 3], start: '09:00', end: '18:00' }]);
    const seen = data(await h.call<ContactCardView>('r1', 'grid', 'myCard'));
    expect(seen.worker).toMatchObject({ intro: '每周三下午入户走访', dutyText: '周一、周三 09:00–18:00' });
  });

  it('refuses a duty slot that ends before it starts, naming the slot, and keeps the old card', async () => {
    const edit = data(await h.call<MyCardEdit>('w1', 'grid', 'myCardEdit'));
    const reply = await h.call('w1', 'grid', 'updateMyCard', { ...edit.card, dutyHours: [{ days: [1], start: '18:00', end: '09:00' }] });
    expect(reply).toMatchObject({ ok: false, code: 'INPUT.INVALID', message: '第1个值班时段：下班时间必须晚于上班时间' });
    expect(data(await h.call<MyCardEdit>('w1', 'grid', 'myCardEdit')).card).toEqual(edit.card);
  });

  it("attaches only a photo the worker uploaded themselves and shows it through a short-lived URL", async () => {
    const edit = data(await h.call<MyCardEdit>('w1', 'grid', 'myCardEdit'));
    const someoneElses = { fileId: await h.upload('w2', PNG) };
    expect(await h.call('w1', 'grid', 'updateMyCard', { ...edit.card, photoFileId: someoneElses.fileId })).toMatchObject({ ok: false, code: 'FILE.NOT_OWNED' });
    expect(await h.call('w1', 'grid', 'updateMyCard', { ...edit.card, photoFileId: 'f'.repeat(32) })).toMatchObject({ ok: false, code: 'FILE.NOT_FOUND' });
    const mine = { fileId: await h.upload('w1', PNG) };
    const saved = data(await h.call<MyCardEdit>('w1', 'grid', 'updateMyCard', { ...edit.card, photoFileId: mine.fileId }));
    expect(saved.photoUrl).toMatch(new RegExp(`^/files/${mine.fileId}\\?exp=\\d+&sig=`));
    const card = data(await h.call<ContactCardView>('r1', 'grid', 'myCard'));
    expect(card.worker?.photoUrl).toMatch(/^\/files\//);
    expect(JSON.stringify(await h.deps.store.cards.get('w1'))).not.toContain('/files/');
  });

  it("lists only the grids in the caller's reach", async () => {
    const ids = async (who: string, communityId?: string) => data(await h.call<GridSummary[]>(who, 'grid', 'list', { communityId })).map((g) => g.id);
    expect(await ids('w1')).toEqual(['g1', 'g2']);
    expect(await ids('w3')).toEqual(['g3']);
    expect(await ids('cs1')).toEqual(['g1', 'g2', 'g4']);
    expect((await ids('ss')).sort()).toEqual(['g1', 'g2', 'g3', 'g4']);
    expect(await ids('ss', 'c2')).toEqual(['g3']);
  });

  it('community staff reassign a grid; the old card shows the new worker and the change is audited', async () => {
    const [g4] = data(await h.call<GridSummary[]>('cs1', 'grid', 'list', {})).filter((g) => g.id === 'g4');
    const updated = data(await h.call<GridSummary>('cs1', 'grid', 'assign', { gridId: 'g4', primaryWorkerId: 'w1', backupWorkerId: 'w5', version: g4.version }));
    expect(updated).toMatchObject({ primary: { id: 'w1', name: '张伟' }, backup: { id: 'w5', name: '何军' }, version: g4.version + 1 });
    expect(data(await h.call<ContactCardView>('w1', 'grid', 'card', { gridId: 'g4' })).worker?.name).toBe('张伟');
    const workers = data(await h.call<WorkerSummary[]>('cs1', 'grid', 'workers', {}));
    expect(workers.find((w) => w.id === 'w1')).toMatchObject({ grids: ['东湖社区第1网格', '东湖社区第4网格'], backupGrids: ['东湖社区第2网格'] });
    const audit = await h.deps.store.audit.listFor('grid', 'g4', 5);
    expect(audit[0]).toMatchObject({ actorId: 'cs1', action: 'grid.assign', detail: { to: { primaryWorkerId: 'w1', backupWorkerId: 'w5' } } });
  });

  describe('网格移交: open requests follow the grid to its new worker', () => {
    let key = 0;
    /** A request of g1 filed by r1 and accepted by `worker`. */
    const acceptedBy = async (worker: string): Promise<RequestDetail> => {
      const r = data(await h.call<RequestDetail>('r1', 'request', 'submit', {
        idempotencyKey: `transfer${String(++key).padStart(8, '0')}`, categoryId: 'k-env', description: '楼道堆放杂物，影响通行', photoFileIds: [],
      }));
      return data(await h.call<RequestDetail>(worker, 'request', 'accept', { id: r.id, version: r.version }));
    };
    const handlerOf = async (id: string) => (await h.deps.store.requests.get(id))?.handler?.id;
    const assign = async (primaryWorkerId: string, backupWorkerId: string | null) => {
      const g1 = (await h.deps.store.places.getGrid('g1'))!;
      return data(await h.call<GridSummary>('cs1', 'grid', 'assign', { gridId: 'g1', primaryWorkerId, backupWorkerId, version: g1.version }));
    };

    it("moves the previous worker's open requests (a resolved one too: a reopen must reach the new worker) and leaves the B角's", async () => {
      const a = await acceptedBy('w1');
      const b = await acceptedBy('w1');
      const backups = await acceptedBy('w2');
      const done = await acceptedBy('w1');
      data(await h.call('w1', 'request', 'resolve', { id: done.id, version: done.version, note: '已清理', photoFileIds: [] }));
      await assign('w5', 'w2');
      expect([await handlerOf(a.id), await handlerOf(b.id), await handlerOf(backups.id), await handlerOf(done.id)]).toEqual(['w5', 'w5', 'w2', 'w5']);
      const detail = data(await h.call<RequestDetail>('w5', 'request', 'detail', { id: a.id }));
      expect(detail.timeline.at(-1)).toMatchObject({ action: 'transfer', actionLabel: '网格移交', note: '网格移交：由 张伟 转给 何军' });
      // The same assignment again moves nothing and writes no second entry.
      await assign('w5', 'w2');
      const again = data(await h.call<RequestDetail>('w5', 'request', 'detail', { id: a.id }));
      expect(again.timeline.filter((e) => e.action === 'transfer')).toHaveLength(1);
    });

    it('after a worker is revoked (the grid shows 无网格员), the next worker assigned gets what they left open', async () => {
      const left = await acceptedBy('w1');
      data(await h.call('cs1', 'people', 'revoke', { userId: 'w1' }));
      expect((await h.deps.store.places.getGrid('g1'))!.primaryWorkerId).toBeNull();
      const list = data(await h.call<GridSummary[]>('cs1', 'grid', 'list', {}));
      expect(list.find((g) => g.id === 'g1')!.primary).toBeNull();
      await assign('w5', 'w2');
      expect(await handlerOf(left.id)).toBe('w5');
      const detail = data(await h.call<RequestDetail>('w5', 'request', 'detail', { id: left.id }));
      expect(detail.timeline.at(-1)).toMatchObject({ actionLabel: '网格移交', note: '网格移交：由 张伟 转给 何军' });
    });
  });

  it('two staff assigning the same grid at once: exactly one wins, the other is told to refresh', async () => {
    const replies = await Promise.all([
      h.call('cs1', 'grid', 'assign', { gridId: 'g1', primaryWorkerId: 'w5', backupWorkerId: 'w2', version: 1 }),
      h.call('cs1', 'grid', 'assign', { gridId: 'g1', primaryWorkerId: 'w2', backupWorkerId: 'w5', version: 1 }),
    ]);
    expect(replies.filter((r) => r.ok)).toHaveLength(1);
    expect(replies.filter((r) => !r.ok)).toMatchObject([{ code: 'GRID.VERSION_CONFLICT', message: '该网格刚被其他人修改过，请刷新后再试' }]);
    expect(await h.deps.store.audit.listFor('grid', 'g1', 5)).toHaveLength(1);
  });

  it('refuses a worker of another community, the same person twice, and an unknown person', async () => {
    const assign = (primaryWorkerId: string, backupWorkerId: string | null) => h.call('cs1', 'grid', 'assign', { gridId: 'g1', primaryWorkerId, backupWorkerId, version: 1 });
    expect(await assign('w3', 'w2')).toMatchObject({ ok: false, code: 'WORKER.OTHER_COMMUNITY' });
    expect(await assign('w2', 'w2')).toMatchObject({ ok: false, code: 'GRID.SAME_WORKER' });
    expect(await assign('r1', 'w2')).toMatchObject({ ok: false, code: 'WORKER.NOT_FOUND' });
    expect((await h.deps.store.places.getGrid('g1'))?.version).toBe(1);
  });

  it("prints a poster whose QR code binds to the grid's token", async () => {
    const poster = data(await h.call<PosterView>('cs1', 'grid', 'poster', { gridId: 'g2' }));
    expect(poster.bindUrl).toBe('https://wgt.example/bind?t=qrg2token');
    expect(poster.card.worker?.name).toBe('李娜');
  });
});

describe('housekeeping function', () => {
  it('deletes day-old uploads nothing uses, keeps what a card, a request or a notice uses; safe to run twice; users cannot trigger it', async () => {
    const h = await functionHarness(new Date('2026-11-20T00:00:00Z'));
    try {
      const orphan = await h.upload('w1', PNG);
      const replaced = await h.upload('w1', PNG);
      const used = await h.upload('w1', PNG);
      const requestPhoto = await h.upload('r1', PNG);
      const edit = data(await h.call<MyCardEdit>('w1', 'grid', 'myCardEdit'));
      data(await h.call('w1', 'grid', 'updateMyCard', { ...edit.card, photoFileId: replaced }));
      // The worker changes the photo: the first one is no longer used by anything.
      data(await h.call('w1', 'grid', 'updateMyCard', { ...edit.card, photoFileId: used }));
      data(await h.call('r1', 'request', 'submit', { idempotencyKey: 'purge-keeps-me', categoryId: 'k-env', description: '楼道灯坏了好几天', photoFileIds: [requestPhoto] }));
      h.clock.set(new Date('2026-11-21T01:00:00Z'));
      const fresh = await h.upload('w1', PNG);

      expect(await h.call('ss', 'housekeeping', 'purgeOrphanUploads')).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
      const { FUNCTIONS } = await import('./registry');
      const reply = await FUNCTIONS.housekeeping.handle({ kind: 'system' }, { Type: 'Timer', TriggerName: 'daily' }, h.deps);
      // The daily timer runs the purge, the expired-export purge (none here), then the 考核 recount.
      expect(reply).toMatchObject({ ok: true, data: { purge: { checked: 2, removed: 2, more: false }, exports: { removed: 0 }, recount: { status: 'done' } } });
      for (const gone of [orphan, replaced]) {
        expect(await h.files.info(gone)).toBeNull();
        expect(await h.deps.store.uploads.get(gone)).toBeNull();
      }
      for (const kept of [used, requestPhoto, fresh]) expect(await h.files.info(kept)).not.toBeNull();
      expect(await h.call('system', 'housekeeping', 'purgeOrphanUploads')).toEqual({ ok: true, data: { checked: 0, removed: 0, more: false } });
      // A purged upload can no longer be attached.
      expect(await h.call('w1', 'grid', 'updateMyCard', { ...edit.card, photoFileId: orphan })).toMatchObject({ ok: false, code: 'FILE.NOT_FOUND' });
    } finally {
      await h.close();
    }
  });
});
