import fc from 'fast-check';
import type { ServiceRequest } from './request';
import { REQUEST_STATUSES, STATUS_KIND } from './request.status';
import { REQUEST_ACTIONS, TRANSITIONS, allowedActions, openRequest, partiesOf, transition, type Party, type RequestAction } from './request.transitions';
import type { Actor } from '../people/role';

const at = '2026-11-23T02:00:00.000Z';

function draft(): Omit<ServiceRequest, 'status' | 'version'> {
  return {
    id: 'r1', streetId: 's1', communityId: 'c1', gridId: 'g1', categoryId: 'k1', categoryName: '安全隐患', description: '楼道堆放杂物',
    photoFileIds: [], location: null, address: null, callbackPhone: null, hideName: false, source: 'resident', consentNote: null,
    submitterId: 'res', submitterName: '孙丽', residentId: 'res', residentName: '孙丽', handler: null, responseDueAt: at, dueUncalibrated: false,
    resolutionDueAt: null, reopenCount: 0, rating: null, flagged: false, rejectReason: null, idempotencyKey: 'k'.repeat(10),
    createdAt: at, updatedAt: at, acceptedAt: null, resolvedAt: null, closedAt: null, resolvedLate: null,
  };
}

const PARTIES: Party[] = ['resident', 'grid_worker', 'handler', 'community', 'system'];
const TERMINAL = new Set(['archived', 'rejected', 'withdrawn', 'merged']);

describe('request state machine', () => {
  it('opens as submitted, or held when the content check flagged it', () => {
    const base = { actor: { role: 'resident' as const, id: 'res', name: '孙丽' }, parties: new Set<Party>(['resident']), at, eventId: 'e1' };
    expect(openRequest(draft(), { ...base, action: 'submit' }).request.status).toBe('submitted');
    const held = openRequest(draft(), { ...base, action: 'hold' });
    expect(held.request.status).toBe('held');
    expect(held.event).toMatchObject({ from: null, to: 'held', seq: 1 });
  });

  it('refuses an action the table does not allow from the status, and a caller without the needed part', () => {
    const { request } = openRequest(draft(), { action: 'submit', actor: { role: 'resident', id: 'res', name: '孙丽' }, parties: new Set(['resident']), at, eventId: 'e1' });
    const input = (action: RequestAction, parties: Party[]) => ({ action, actor: { role: 'grid_worker' as const, id: 'w', name: '张伟' }, parties: new Set(parties), at, eventId: 'e2', seq: 2 });
    expect(() => transition(request, input('resolve', ['handler']))).toThrow(expect.objectContaining({ code: 'REQUEST.ILLEGAL_TRANSITION' }));
    expect(() => transition(request, input('accept', ['resident']))).toThrow(expect.objectContaining({ code: 'AUTH.FORBIDDEN' }));
    expect(() => transition(request, input('submit', ['resident']))).toThrow(expect.objectContaining({ code: 'REQUEST.ILLEGAL_TRANSITION' }));
  });

  it('random action sequences never reach an illegal state', () => {
    const step = fc.record({ action: fc.constantFrom(...REQUEST_ACTIONS), party: fc.constantFrom(...PARTIES) });
    fc.assert(
      fc.property(fc.boolean(), fc.array(step, { maxLength: 40 }), (flagged, steps) => {
        const opened = openRequest(draft(), {
          action: flagged ? 'hold' : 'submit', actor: { role: 'resident', id: 'res', name: '孙丽' }, parties: new Set(['resident']), at, eventId: 'e0',
        });
        let request = opened.request;
        let seq = opened.event.seq;
        for (const s of steps) {
          const before = request;
          try {
            const out = transition(request, { action: s.action, actor: { role: 'system', id: 'x', name: 'x' }, parties: new Set([s.party]), at, eventId: `e${seq + 1}`, seq: seq + 1 });
            // A successful step follows the table exactly and records itself.
            const rule = TRANSITIONS[s.action];
            expect(rule.from).toContain(before.status);
            expect(rule.by).toContain(s.party);
            expect(TERMINAL.has(before.status)).toBe(false);
            expect(out.request.status).toBe(rule.to);
            expect(out.request.version).toBe(before.version + 1);
            expect(out.event).toMatchObject({ from: before.status, to: rule.to, seq: seq + 1, action: s.action });
            request = out.request;
            seq += 1;
          } catch (e) {
            expect(['REQUEST.ILLEGAL_TRANSITION', 'AUTH.FORBIDDEN']).toContain((e as { code?: string }).code);
            expect(request).toBe(before);
          }
          expect(REQUEST_STATUSES).toContain(request.status);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('closed kinds stay closed except a verified result the resident sends back or rates, or that gets archived', () => {
    const leavingClosed = Object.entries(TRANSITIONS).flatMap(([action, rule]) =>
      rule.from.filter((from) => from !== null && STATUS_KIND[from] === 'closed').map((from) => `${action}:${from}`),
    );
    expect(leavingClosed.sort()).toEqual(['archive:verified', 'rate:verified', 'reopen:verified']);
  });

  it('tells each caller what they may do: the resident withdraws, the grid worker accepts, the community reviews held text', () => {
    const { request } = openRequest(draft(), { action: 'submit', actor: { role: 'resident', id: 'res', name: '孙丽' }, parties: new Set(['resident']), at, eventId: 'e1' });
    const resident: Actor = { userId: 'res', name: '孙丽', grants: [{ role: 'resident', streetId: 's1', communityId: 'c1', gridId: 'g1', householdId: 'h1' }] };
    const worker: Actor = { userId: 'w', name: '张伟', grants: [{ role: 'grid_worker', streetId: 's1', communityId: 'c1', gridIds: ['g1'], backupGridIds: [] }] };
    const otherWorker: Actor = { userId: 'w9', name: '王磊', grants: [{ role: 'grid_worker', streetId: 's1', communityId: 'c1', gridIds: ['g2'], backupGridIds: [] }] };
    expect(allowedActions(resident, request)).toEqual(['withdraw']);
    expect(allowedActions(worker, request)).toEqual(['accept', 'dispatch', 'reject']);
    expect(allowedActions(otherWorker, request)).toEqual([]);
    expect([...partiesOf('system', request)]).toEqual(['system']);
  });

  it('合并: only the community merges an open, unresolved request; it becomes 已合并 (closed) with its target recorded', () => {
    const { request } = openRequest(draft(), { action: 'submit', actor: { role: 'resident', id: 'res', name: '孙丽' }, parties: new Set(['resident']), at, eventId: 'e1' });
    const input = (parties: Party[]) => ({
      action: 'merge' as const, actor: { role: 'community_staff' as const, id: 'cs', name: '周敏' }, parties: new Set(parties), at, eventId: 'e2', seq: 2,
      note: '与诉求 r0 为同一问题', patch: { mergedInto: 'r0', closedAt: at },
    });
    const out = transition(request, input(['community']));
    expect(out.request).toMatchObject({ status: 'merged', mergedInto: 'r0', closedAt: at, version: 2 });
    expect(out.event).toMatchObject({ action: 'merge', from: 'submitted', to: 'merged', note: '与诉求 r0 为同一问题' });
    expect(STATUS_KIND.merged).toBe('closed');
    for (const parties of [['grid_worker'], ['handler'], ['resident']] as Party[][]) {
      expect(() => transition(request, input(parties))).toThrow(expect.objectContaining({ code: 'AUTH.FORBIDDEN' }));
    }
    const resolved = { ...request, status: 'resolved' as const };
    expect(() => transition(resolved, input(['community']))).toThrow(expect.objectContaining({ code: 'REQUEST.ILLEGAL_TRANSITION' }));
    expect(() => transition(out.request, input(['community']))).toThrow(expect.objectContaining({ code: 'REQUEST.ILLEGAL_TRANSITION' }));
  });
});
