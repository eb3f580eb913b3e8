/**
 * The open311 function over HTTP events, as CloudBase's HTTP access service and the local gateway deliver them:
 * the spec's errors with the right status, keys (revoked, another street's), placement, the shared submit path
 * (content check → token, idempotency, rate limits), the filters, and no reporter personal data in any answer.
 */
import { createHash } from 'node:crypto';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Open311Request } from '@core/open311/open311';
import { OFFICIAL_CALENDARS } from '@core/calendar/official-calendar';
import { DEFAULT_REQUEST_SETTINGS } from '@core/requests/request';
import type { HttpResponse } from './http-event';
import { functionHarness, type Harness } from '../testing/function-harness';
import { addStreetAdmin, createKey, open311, open311Event } from '../testing/open311-http';
import { open311Function } from './open311.function';
import { household } from '../testing/small-street.fixture';

const J = '420100001';
const G1 = '42010000100101';
const G3 = '42010000100201';

const json = <T = unknown>(r: HttpResponse): T => JSON.parse(r.body) as T;
const errorOf = (r: HttpResponse) => [r.statusCode, (json<{ code: number; description: string }[]>(r))[0]?.code];

function aRequest(apiKey: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    jurisdiction_id: J, api_key: apiKey, service_code: 'k-env', 'attribute[grid_code]': G1,
    description: '市民来电反映：东湖路垃圾桶满溢，无人清运', address_string: '东湖路1号门口', lat: '30.5', long: '114.3',
    first_name: '建国', last_name: '王', phone: '13912345678', email: 'wjg@example.com', device_id: 'dev-777', account_id: 'acct-888', ...extra,
  };
}

describe('open311 function', () => {
  let h: Harness;
  let apiKey: string;
  const responses: HttpResponse[] = [];
  const call = async (method: string, resource: string, c: Parameters<typeof open311>[3] = {}) => {
    const r = await open311(h, method, resource, c);
    responses.push(r);
    return r;
  };
  const post = (extra: Record<string, string> = {}, key = apiKey) => call('POST', 'requests.json', { form: aRequest(key, extra) });

  beforeEach(async () => {
    h = await functionHarness();
    await addStreetAdmin(h);
    apiKey = (await createKey(h)).apiKey;
  });
  afterEach(async () => {
    // No answer of any test carried the reporter's personal data, or a key.
    for (const r of responses.splice(0)) {
      for (const secret of ['13912345678', '建国', 'wjg@example.com', 'dev-777', 'acct-888', apiKey, 'partner:']) expect(r.body).not.toContain(secret);
    }
    await h.close();
  });

  it('GET services lists the active categories in JSON and XML; a definition asks for the grid', async () => {
    const list = await call('GET', 'services.json', { query: { jurisdiction_id: J } });
    expect(list.statusCode).toBe(200);
    expect(list.headers['Content-Type']).toBe('application/json; charset=utf-8');
    expect(json<{ service_code: string }[]>(list).map((s) => s.service_code)).toEqual(['k-env', 'k-hazard']);
    const xml = await call('GET', 'services.xml', { query: { jurisdiction_id: J } });
    expect(xml.headers['Content-Type']).toBe('text/xml; charset=utf-8');
    expect(XMLValidator.validate(xml.body)).toBe(true);
    expect(new XMLParser({ isArray: (n) => n === 'service' }).parse(xml.body).services.service).toHaveLength(2);
    const def = json<{ attributes: { code: string; required: boolean }[] }>(await call('GET', 'services/k-env.json', { query: { jurisdiction_id: J } }));
    expect(def.attributes.map((a) => [a.code, a.required])).toEqual([['grid_code', true], ['ticket_no', false]]);
    expect(errorOf(await call('GET', 'services/k-old.json', { query: { jurisdiction_id: J } }))).toEqual([404, 404]);
  });

  it('jurisdiction_id is the street code: unknown → 404; optional while one street is stored, required once there are two', async () => {
    expect(errorOf(await call('GET', 'services.json', { query: { jurisdiction_id: '999999999' } }))).toEqual([404, 404]);
    expect((await call('GET', 'services.json')).statusCode).toBe(200);
    await h.deps.store.people.createStreet({
      street: { id: 's2', code: '420100002', name: '柳荫街道', district: '青川区' },
      categories: [{ id: 'k2-env', streetId: 's2', name: '环境卫生', kind: 'complaint', responseMinutes: 24 * 60, resolutionDays: 2, active: true, seq: 1 }],
      departments: [], settings: { streetId: 's2', ...DEFAULT_REQUEST_SETTINGS }, calendars: OFFICIAL_CALENDARS,
    });
    expect(errorOf(await call('GET', 'services.json'))).toEqual([400, 400]);
  });

  it('errors are the spec array with the right status, in XML too; unknown paths 404, wrong methods 405', async () => {
    expect(errorOf(await call('POST', 'requests.json', { form: { jurisdiction_id: J, service_code: 'k-env' } }))).toEqual([403, 403]);
    expect(errorOf(await post({}, 'wgt_notakey'))).toEqual([403, 403]);
    expect(errorOf(await post({ service_code: '' }))).toEqual([400, 400]);
    expect(errorOf(await post({ service_code: 'k-nope' }))).toEqual([404, 404]);
    expect(errorOf(await post({ description: '短' }))).toEqual([400, 400]);
    expect(errorOf(await post({ lat: 'north' }))).toEqual([400, 400]);
    expect(errorOf(await post({ phone: '12345' }))).toEqual([400, 400]);
    expect(errorOf(await call('GET', 'nothing.json'))).toEqual([404, 404]);
    expect(errorOf(await call('DELETE', 'requests.json'))).toEqual([405, 405]);
    expect(errorOf(await call('GET', 'requests/%E0%A4%A.json', { query: { jurisdiction_id: J } }))).toEqual([404, 404]);
    const xml = await call('POST', 'requests.xml', { form: aRequest('wgt_bad') });
    expect(xml.statusCode).toBe(403);
    expect(XMLValidator.validate(xml.body)).toBe(true);
    expect(new XMLParser().parse(xml.body).errors.error).toEqual({ code: 403, description: 'api_key 无效或已停用' });
  });

  it('a request cannot be placed without a grid of this street: no grid_code, an unknown one, or a household of another street', async () => {
    expect(errorOf(await post({ 'attribute[grid_code]': '' }))).toEqual([400, 400]);
    expect(json<{ description: string }[]>(await post({ 'attribute[grid_code]': '' }))[0].description).toContain('网格编码');
    expect(errorOf(await post({ 'attribute[grid_code]': '99999999999999' }))).toEqual([400, 400]);
    expect(errorOf(await post({ 'attribute[grid_code]': '', address_id: 'no-such-household' }))).toEqual([400, 400]);
  });

  it('POST files a request as 12345热线 in the grid, keeps only the callback phone of the caller, and answers its id', async () => {
    const r = await post();
    expect(r.statusCode).toBe(200);
    const [answer] = json<{ service_request_id: string; service_notice: string; account_id: null }[]>(r);
    expect(answer.account_id).toBeNull();
    const stored = (await h.deps.store.requests.get(answer.service_request_id))!;
    expect(stored).toMatchObject({ source: 'hotline', gridId: 'g1', communityId: 'c1', callbackPhone: '13912345678', residentId: null, residentName: null, submitterName: '12345热线' });
    expect(stored.submitterId).toBe(`partner:${createHash('sha256').update(apiKey).digest('hex')}`);
    const everything = JSON.stringify([stored, await h.deps.store.requests.events(stored.id)]);
    for (const dropped of ['建国', '王建国', 'wjg@example.com', 'dev-777', 'acct-888']) expect(everything).not.toContain(dropped);
    // The grid worker sees it, named by its source.
    const detail = await h.call<{ source: string; callbackPhone: string | null; timeline: { who: string }[] }>('w1', 'request', 'detail', { id: stored.id });
    expect(detail.ok && detail.data.source).toBe('hotline');
    expect(detail.ok && detail.data.timeline[0].who).toBe('12345热线');
  });

  it('address_id (a household of our register) places the request at its grid', async () => {
    const hh = household('g3');
    const [a] = json<{ service_request_id: string }[]>(await post({ 'attribute[grid_code]': '', address_id: hh.id }));
    expect((await h.deps.store.requests.get(a.service_request_id))?.gridId).toBe('g3');
    const [b] = json<{ service_request_id: string }[]>(await post({ 'attribute[grid_code]': G3 }));
    expect((await h.deps.store.requests.get(b.service_request_id))?.gridId).toBe('g3');
  });

  it("the spec's POST example (our jurisdiction, service and grid): its 9-digit phone is refused as a resident's would be; without it, filed", async () => {
    const body = (phone: string) =>
      `api_key=${encodeURIComponent(apiKey)}&jurisdiction_id=${J}&service_code=k-env&lat=37.76524078&long=-122.4212043&address_string=1234+5th+street` +
      `&email=smit222%40sfgov.edu&device_id=tt222111&account_id=123456&first_name=john&last_name=smith${phone}` +
      `&description=A+large+sinkhole+is+destroying+the+street&media_url=http%3A%2F%2Fmediaurl.com%2Fmedia.jpg` +
      `&attribute%5BWHISPAWN%5D=123456&attribute%5BWHISDORN%5D=COISL001&attribute%5Bgrid_code%5D=${G1}`;
    const event = (phone: string) => ({ ...open311Event('POST', 'requests.xml'), headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, body: body(phone) });
    const refused = await open311Function.http!(event('&phone=111111111'), h.deps);
    responses.push(refused);
    expect(refused.statusCode).toBe(400);
    expect(new XMLParser().parse(refused.body).errors.error.description).toContain('回电号码');
    const filed = await open311Function.http!(event(''), h.deps);
    responses.push(filed);
    expect(filed.statusCode).toBe(200);
    const id = String(new XMLParser({ parseTagValue: false }).parse(filed.body).service_requests.request.service_request_id);
    const stored = (await h.deps.store.requests.get(id))!;
    expect(stored).toMatchObject({ address: '1234 5th street', location: { latitude: 37.76524078, longitude: -122.4212043, name: null }, photoFileIds: [], callbackPhone: null });
    for (const dropped of ['smit222', 'tt222111', '123456', 'john', 'smith', 'mediaurl', 'COISL001']) expect(JSON.stringify(stored)).not.toContain(dropped);
  });

  it('JSON bodies work too, with attribute as an object', async () => {
    const { 'attribute[grid_code]': _placed, ...rest } = aRequest(apiKey);
    const body = { ...rest, attribute: { grid_code: _placed, ticket_no: 'GD20261123001' } };
    const r = await call('POST', 'requests.json', { json: body });
    expect(r.statusCode).toBe(200);
    expect(json<{ service_request_id: string }[]>(r)[0].service_request_id).toMatch(/^[0-9a-f]{32}$/);
  });

  it('the same ticket_no answers the first request again (dedup); the street rate limit applies per key (429)', async () => {
    const first = json<{ service_request_id: string }[]>(await post({ 'attribute[ticket_no]': 'GD-0001-A' }))[0];
    const again = json<{ service_request_id: string }[]>(await post({ 'attribute[ticket_no]': 'GD-0001-A' }))[0];
    expect(again.service_request_id).toBe(first.service_request_id);
    for (let i = 2; i <= 5; i++) expect((await post({ 'attribute[ticket_no]': `GD-000${i}-A` })).statusCode).toBe(200);
    const limited = await post({ 'attribute[ticket_no]': 'GD-0006-A' });
    expect(errorOf(limited)).toEqual([429, 429]);
    expect(json<{ description: string }[]>(limited)[0].description).toContain('10分钟内最多提交5条');
    // Another key of the street has its own windows.
    const other = (await createKey(h, '城市运行管理平台', 'platform')).apiKey;
    const [p] = json<{ service_request_id: string }[]>(await post({}, other));
    expect((await h.deps.store.requests.get(p.service_request_id))?.source).toBe('platform');
  });

  it('flagged text is held for review and answered with a token; the token gives the id once the community releases it', async () => {
    const r = await post({ description: '市民反映这里有测试违禁词的问题' });
    const [held] = json<{ token: string; service_notice: string }[]>(r);
    expect(held.token).toBeTruthy();
    expect(json(await call('GET', `tokens/${held.token}.json`, { query: { jurisdiction_id: J, api_key: apiKey } }))).toEqual([{ service_request_id: null, token: held.token }]);
    expect(errorOf(await call('GET', `tokens/${held.token}.json`, { query: { jurisdiction_id: J } }))).toEqual([403, 403]);
    // Held: not published.
    expect(errorOf(await call('GET', `requests/${held.token}.json`, { query: { jurisdiction_id: J } }))).toEqual([404, 404]);
    const released = await h.call('cs1', 'request', 'release', { id: held.token, version: 1 });
    expect(released.ok).toBe(true);
    expect(json(await call('GET', `tokens/${held.token}.xml`.replace('.xml', '.json'), { query: { jurisdiction_id: J, api_key: apiKey } }))).toEqual([{ service_request_id: held.token, token: held.token }]);
  });

  it("GET requests: only what came in over Open311, newest first; description only with the jurisdiction's key", async () => {
    const resident = await h.call('r1', 'request', 'submit', { idempotencyKey: 'resident-own-1', categoryId: 'k-env', description: '居民自己在小程序里反映的问题', photoFileIds: [] });
    expect(resident.ok).toBe(true);
    const [a] = json<{ service_request_id: string }[]>(await post());
    h.clock.set(new Date(h.clock.now().getTime() + 60_000));
    const [b] = json<{ service_request_id: string }[]>(await post({ service_code: 'k-hazard' }));
    const pub = json<Open311Request[]>(await call('GET', 'requests.json', { query: { jurisdiction_id: J } }));
    expect(pub.map((r) => r.service_request_id)).toEqual([b.service_request_id, a.service_request_id]);
    expect(pub[0]).toMatchObject({ status: 'open', status_notes: '待受理', agency_responsible: '东湖社区', description: null, address: '东湖路1号门口', lat: 30.5, long: 114.3 });
    const keyed = json<Open311Request[]>(await call('GET', 'requests.json', { query: { jurisdiction_id: J, api_key: apiKey } }));
    expect(keyed[0].description).toBe('市民来电反映：东湖路垃圾桶满溢，无人清运');
    expect(json<Open311Request[]>(await call('GET', 'requests.json', { query: { jurisdiction_id: J, service_code: 'k-env' } })).map((r) => r.service_request_id)).toEqual([a.service_request_id]);
    expect(json<Open311Request[]>(await call('GET', 'requests.json', { query: { jurisdiction_id: J, service_code: 'k-env,k-hazard' } }))).toHaveLength(2);
    expect(json<Open311Request[]>(await call('GET', 'requests.json', { query: { jurisdiction_id: J, status: 'closed' } }))).toEqual([]);
    // service_request_id overrides every other filter.
    const byId = json<Open311Request[]>(await call('GET', 'requests.json', { query: { jurisdiction_id: J, status: 'closed', service_request_id: `${a.service_request_id},nosuch` } }));
    expect(byId.map((r) => r.service_request_id)).toEqual([a.service_request_id]);
    const xml = await call('GET', 'requests.xml', { query: { jurisdiction_id: J } });
    expect(XMLValidator.validate(xml.body)).toBe(true);
    expect(new XMLParser({ isArray: (n) => n === 'request' }).parse(xml.body).service_requests.request).toHaveLength(2);
  });

  it('dates: the last 90 days by default, W3C with a zone, never a span over 90 days', async () => {
    const [old] = json<{ service_request_id: string }[]>(await post());
    h.clock.set(new Date(h.clock.now().getTime() + 100 * 24 * 3600 * 1000));
    const [recent] = json<{ service_request_id: string }[]>(await post({ 'attribute[ticket_no]': 'GD-recent-1' }));
    const ids = (q: Record<string, string>) => call('GET', 'requests.json', { query: { jurisdiction_id: J, ...q } }).then((r) => json<Open311Request[]>(r).map((x) => x.service_request_id));
    expect(await ids({})).toEqual([recent.service_request_id]);
    expect(await ids({ start_date: '2026-11-23T00:00:00+08:00', end_date: '2026-11-24T00:00:00+08:00' })).toEqual([old.service_request_id]);
    expect(await ids({ start_date: '2026-11-22T16:00:00Z' })).toEqual([old.service_request_id]);
    expect(errorOf(await call('GET', 'requests.json', { query: { jurisdiction_id: J, start_date: '2026-01-01T00:00:00Z', end_date: '2026-12-01T00:00:00Z' } }))).toEqual([400, 400]);
    expect(errorOf(await call('GET', 'requests.json', { query: { jurisdiction_id: J, start_date: '2026-11-23 10:00' } }))).toEqual([400, 400]);
    expect(errorOf(await call('GET', 'requests.json', { query: { jurisdiction_id: J, status: 'pending' } }))).toEqual([400, 400]);
  });

  it('a revoked key is refused at once (403), for posting and for reading; every call with a key is in its access log', async () => {
    const keys = await h.call<{ id: string }[]>('admin', 'open311', 'partnerKeys', {});
    const id = keys.ok ? keys.data[0].id : '';
    expect((await post()).statusCode).toBe(200);
    h.clock.set(new Date(h.clock.now().getTime() + 1000));
    expect((await call('GET', 'requests.json', { query: { jurisdiction_id: J, api_key: apiKey } })).statusCode).toBe(200);
    expect((await h.call('admin', 'open311', 'revokePartnerKey', { id })).ok).toBe(true);
    expect(errorOf(await post())).toEqual([403, 403]);
    expect(errorOf(await call('GET', 'requests.json', { query: { jurisdiction_id: J, api_key: apiKey } }))).toEqual([403, 403]);
    // The public endpoints still work without a key.
    expect((await call('GET', 'requests.json', { query: { jurisdiction_id: J } })).statusCode).toBe(200);
    const log = await h.deps.store.partnerKeys.accessLog(id, 10);
    expect(log.map((e) => [e.method, e.path, e.status])).toEqual([
      ['GET', '/open311/v2/requests.json', 200],
      ['POST', '/open311/v2/requests.json', 200],
    ]);
    expect((await h.call('admin', 'open311', 'revokePartnerKey', { id })).ok).toBe(false);
  });

  it("another street's key can neither post to nor read this jurisdiction", async () => {
    await h.deps.store.people.createStreet({
      street: { id: 's2', code: '420100002', name: '柳荫街道', district: '青川区' },
      categories: [{ id: 'k2-env', streetId: 's2', name: '环境卫生', kind: 'complaint', responseMinutes: 24 * 60, resolutionDays: 2, active: true, seq: 1 }],
      departments: [], settings: { streetId: 's2', ...DEFAULT_REQUEST_SETTINGS }, calendars: OFFICIAL_CALENDARS,
    });
    await addStreetAdmin(h, 'admin2', 's2');
    const otherKey = (await createKey(h, '柳荫12345', 'hotline', 'admin2')).apiKey;
    expect(errorOf(await post({}, otherKey))).toEqual([403, 403]);
    expect(errorOf(await call('GET', 'requests.json', { query: { jurisdiction_id: J, api_key: otherKey } }))).toEqual([403, 403]);
    // Nor can its admin see or revoke this street's keys.
    const mine = await h.call<{ id: string }[]>('admin', 'open311', 'partnerKeys', {});
    const theirs = await h.call<{ id: string }[]>('admin2', 'open311', 'partnerKeys', {});
    expect(theirs.ok && theirs.data.map((k) => k.id)).not.toContain(mine.ok && mine.data[0].id);
    const revoke = await h.call('admin2', 'open311', 'revokePartnerKey', { id: mine.ok ? mine.data[0].id : '' });
    expect(revoke.ok ? 'ok' : revoke.code).toBe('PARTNER.NOT_FOUND');
  });
});

describe('partner keys (street admin)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await functionHarness();
    await addStreetAdmin(h);
  });
  afterEach(() => h.close());

  it('a key is shown once and stored only as its SHA-256; create and revoke are audited', async () => {
    const created = await createKey(h, '12345热线（市级）');
    expect(created.apiKey).toMatch(/^wgt_[A-Za-z0-9_-]{43}$/);
    const hash = createHash('sha256').update(created.apiKey).digest('hex');
    expect(created.key).toMatchObject({ id: hash, name: '12345热线（市级）', kind: 'hotline', kindLabel: '12345热线', revokedAt: null, recentCalls: 0 });
    expect(created.key.prefix).toBe(`${created.apiKey.slice(0, 8)}…`);
    const stored = await h.deps.store.partnerKeys.get(hash);
    expect(JSON.stringify(stored)).not.toContain(created.apiKey);
    const listed = await h.call<unknown[]>('admin', 'open311', 'partnerKeys', {});
    expect(JSON.stringify(listed)).not.toContain(created.apiKey);
    h.clock.set(new Date(h.clock.now().getTime() + 60_000));
    expect((await h.call('admin', 'open311', 'revokePartnerKey', { id: hash })).ok).toBe(true);
    const audit = await h.deps.store.audit.listFor('partner_key', hash, 10);
    expect(audit.map((a) => [a.action, a.actorId, a.streetId])).toEqual([['partner.revoke', 'admin', 's1'], ['partner.create', 'admin', 's1']]);
    expect(JSON.stringify(audit)).not.toContain(created.apiKey);
    // 操作记录 names the partner system and the change, in words.
    const page = await h.call<{ entries: { actionLabel: string; targetName: string; summary: string }[] }>('admin', 'people', 'audit', {});
    expect(page.ok && page.data.entries.slice(0, 2).map((e) => [e.actionLabel, e.targetName, e.summary])).toEqual([
      ['停用对接系统密钥', '12345热线（市级）', '使用中 → 已停用'],
      ['创建对接系统密钥', '12345热线（市级）', '无 → 使用中'],
    ]);
  });

  it('only a street admin manages keys; a name is required', async () => {
    for (const who of ['ss', 'cs1', 'w1', 'r1']) {
      const r = await h.call(who, 'open311', 'createPartnerKey', { name: '12345热线', kind: 'hotline' });
      expect(r.ok ? 'ok' : r.code).toBe('AUTH.FORBIDDEN');
    }
    const r = await h.call('admin', 'open311', 'createPartnerKey', { name: '', kind: 'hotline' });
    expect(r.ok ? 'ok' : r.code).toBe('INPUT.INVALID');
  });
});
