import type { Category, ServiceRequest } from '../requests/request';
import { REQUEST_STATUSES } from '../requests/request.status';
import { OPEN311_STATUS, maskPhonesIn, open311RequestOf, parseW3c, publicStepOf, serviceDefinitionOf, serviceOf, statusesFor, w3cDatetime } from './open311';

const category: Category = { id: 'k-env', streetId: 's1', name: '环境卫生', kind: 'complaint', responseMinutes: 24 * 60, resolutionDays: 2, active: true, seq: 1 };

function request(over: Partial<ServiceRequest> = {}): ServiceRequest {
  return {
    id: 'rq-1', streetId: 's1', communityId: 'c1', gridId: 'g1', categoryId: 'k-env', categoryName: '环境卫生', description: '垃圾桶满了没人清',
    photoFileIds: ['secretphoto'], location: null, address: null, callbackPhone: '13912345678', hideName: false, source: 'hotline', consentNote: null,
    submitterId: 'partner:abc', submitterName: '12345热线', residentId: null, residentName: '王建国', status: 'submitted', handler: null,
    responseDueAt: '2026-11-24T02:00:00.000Z', resolutionDueAt: null, dueUncalibrated: false, reopenCount: 0, rating: null, flagged: false,
    rejectReason: null, idempotencyKey: 'ticket-0001', version: 1, createdAt: '2026-11-23T02:00:00.000Z', updatedAt: '2026-11-23T02:00:00.000Z',
    acceptedAt: null, resolvedAt: null, closedAt: null, resolvedLate: null, ...over,
  };
}
const ctx = { communityName: '东湖社区', publicStep: null, withDescription: true };

describe('Open311 status mapping', () => {
  it('accepted, dispatched and in progress are open; resolved and archived are closed; held is not published', () => {
    expect(['submitted', 'accepted', 'dispatched', 'in_progress'].map((s) => OPEN311_STATUS[s as never])).toEqual(['open', 'open', 'open', 'open']);
    expect(['resolved', 'verified', 'archived', 'rejected', 'withdrawn'].map((s) => OPEN311_STATUS[s as never])).toEqual(['closed', 'closed', 'closed', 'closed', 'closed']);
    expect(OPEN311_STATUS.held).toBeNull();
    expect(open311RequestOf(request({ status: 'held' }), ctx)).toBeNull();
  });

  it('the status filters partition every published status', () => {
    const both = [...statusesFor('open'), ...statusesFor('closed')].sort();
    expect(both).toEqual(REQUEST_STATUSES.filter((s) => s !== 'held').sort());
  });
});

describe('open311RequestOf', () => {
  it('maps the loop: community as agency, the working-day deadline as expected_datetime, Beijing W3C times', () => {
    const v = open311RequestOf(request(), ctx)!;
    expect(v).toEqual({
      service_request_id: 'rq-1', status: 'open', status_notes: '待受理', service_name: '环境卫生', service_code: 'k-env', description: '垃圾桶满了没人清',
      agency_responsible: '东湖社区', service_notice: null, requested_datetime: '2026-11-23T10:00:00+08:00', updated_datetime: '2026-11-23T10:00:00+08:00',
      expected_datetime: '2026-11-24T10:00:00+08:00', address: null, address_id: null, zipcode: null, lat: null, long: null, media_url: null,
    });
    const accepted = open311RequestOf(request({ status: 'accepted', resolutionDueAt: '2026-11-25T10:00:00.000Z' }), ctx)!;
    expect(accepted.expected_datetime).toBe('2026-11-25T18:00:00+08:00');
    expect(open311RequestOf(request({ status: 'resolved', resolvedAt: '2026-11-24T00:00:00.000Z' }), ctx)!.expected_datetime).toBeNull();
  });

  it('status_notes: the note only of steps written for the reporter, mobile numbers masked; internal notes never', () => {
    const resolved = open311RequestOf(request({ status: 'resolved' }), { ...ctx, publicStep: { action: 'resolve', note: '已清运，有问题请打13800001234' } })!;
    expect(resolved.status_notes).toBe('待确认：已清运，有问题请打138****1234');
    const dispatched = open311RequestOf(request({ status: 'dispatched' }), { ...ctx, publicStep: { action: 'dispatch', note: '转给城管，张队长电话13900001111' } })!;
    expect(dispatched.status_notes).toBe('已派遣');
  });

  it('publicStepOf: the latest public note stays after confirm or verify; a reopen or reassign after it clears it', () => {
    const e = (action: string, note = '') => ({ action, note });
    expect(publicStepOf([e('submit'), e('accept'), e('dispatch', '转城管，内部说明')])).toBeNull();
    expect(publicStepOf([e('submit'), e('accept'), e('progress', '已联系物业'), e('resolve', '已修好'), e('verify', '电话回访')])).toEqual(e('resolve', '已修好'));
    expect(publicStepOf([e('submit'), e('accept'), e('resolve', '已修好'), e('reopen', '二楼还是黑的')])).toBeNull();
    expect(publicStepOf([e('submit'), e('accept'), e('resolve', '已修好'), e('reopen', '没修好'), e('progress', '换了开关')])).toEqual(e('progress', '换了开关'));
    expect(publicStepOf([e('submit'), e('reject', '不属于网格服务范围')])).toEqual(e('reject', '不属于网格服务范围'));
    expect(publicStepOf([e('submit'), e('progress', '  ')])).toBeNull();
  });

  it('address and coordinates only when the reporter gave them; description only for partners', () => {
    const v = open311RequestOf(request({ address: '东湖路1号门口', location: { latitude: 30.5, longitude: 114.3, name: null } }), { ...ctx, withDescription: false })!;
    expect([v.address, v.lat, v.long, v.description]).toEqual(['东湖路1号门口', 30.5, 114.3, null]);
  });

  it('carries no personal data of the reporter: no name, phone, submitter, photo or idempotency key in any field', () => {
    const text = JSON.stringify(open311RequestOf(request(), ctx));
    for (const secret of ['王建国', '13912345678', '1391', 'partner:abc', 'secretphoto', 'ticket-0001']) expect(text).not.toContain(secret);
  });
});

describe('services', () => {
  it('a category is a realtime service with metadata, and its definition asks for the grid (required) and the ticket number', () => {
    expect(serviceOf(category)).toMatchObject({ service_code: 'k-env', service_name: '环境卫生', metadata: true, type: 'realtime', group: '投诉' });
    const def = serviceDefinitionOf(category);
    expect(def.attributes.map((a) => [a.code, a.required, a.datatype, a.order])).toEqual([['grid_code', true, 'string', 1], ['ticket_no', false, 'string', 2]]);
  });
});

describe('W3C datetimes', () => {
  it('writes Beijing time with its offset and reads any zone', () => {
    expect(w3cDatetime('2026-12-31T16:30:05.123Z')).toBe('2027-01-01T00:30:05+08:00');
    expect(parseW3c('2010-04-19T06:37:38-08:00')).toBe('2010-04-19T14:37:38.000Z');
    expect(parseW3c('2026-11-23T10:00:00Z')).toBe('2026-11-23T10:00:00.000Z');
    expect(parseW3c('2026-11-23')).toBe('2026-11-22T16:00:00.000Z');
  });

  it('refuses a datetime without a zone, an impossible date and garbage', () => {
    for (const bad of ['2026-11-23T10:00:00', '2026-02-30', '2026-11-23T25:00:00Z', 'yesterday', '']) expect(parseW3c(bad)).toBeNull();
  });

  it('masks mobile numbers inside text, leaves other digits', () => {
    expect(maskPhonesIn('电话13812345678，工单20261123001')).toBe('电话138****5678，工单20261123001');
  });
});
