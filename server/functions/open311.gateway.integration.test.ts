/**
 * The Open311 round trip, end to end over HTTP as partners and the app make it: the street admin creates a key
 * (POST /api/fn/open311), the 12345 hotline posts a request (POST /open311/v2/requests.json), the grid worker
 * finds it in their list and accepts, reports progress and resolves it through the ordinary request function,
 * and the hotline reads the status back after each step (GET /open311/v2/requests/{id}.json and .xml).
 * Against the local runtime with the seeded demo street.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { CreatedPartnerKey } from '@core/api/open311.contract';
import type { Open311Request } from '@core/open311/open311';
import { startRuntime, type RunningRuntime } from '../runtime/main';

let runtime: RunningRuntime;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'wgt-open311-'));
  runtime = await startRuntime({ port: 0, dataDir, scheduler: false, log: { info: () => undefined, error: () => undefined } });
}, 120_000);
afterAll(async () => {
  await runtime.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function sessionFor(userId: string): Promise<string> {
  const res = await fetch(`${runtime.url}/api/dev/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId }) });
  return ((await res.json()) as { data: { token: string } }).data.token;
}

async function call<T>(userId: string, fn: string, action: string, data?: unknown): Promise<T> {
  const res = await fetch(`${runtime.url}/api/fn/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await sessionFor(userId)}` },
    body: JSON.stringify({ action, data }),
  });
  const reply = (await res.json()) as { ok: boolean; data?: T; code?: string; message?: string };
  if (!reply.ok) throw new Error(`${fn}.${action}: ${reply.code} ${reply.message}`);
  return reply.data as T;
}

test('a request posted over Open311 goes through the loop and its status reads back at every step', async () => {
  const [street] = await runtime.store.places.listStreets();
  const grid = (await runtime.store.places.listGrids({ streetId: street.id })).find((g) => g.primaryWorkerId)!;
  const worker = grid.primaryWorkerId!;
  const { apiKey } = await call<CreatedPartnerKey>('user-street-1', 'open311', 'createPartnerKey', { name: '12345热线', kind: 'hotline' });

  const posted = await fetch(`${runtime.url}/open311/v2/requests.json`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      jurisdiction_id: street.code, api_key: apiKey, service_code: (await runtime.store.requestConfig.categories(street.id))[0].id,
      'attribute[grid_code]': grid.code, 'attribute[ticket_no]': 'GD20261207-0001', description: '市民来电：小区门口路灯不亮已三天',
      first_name: '秀英', last_name: '李', phone: '13700001111',
    }),
  });
  expect(posted.status).toBe(200);
  expect(posted.headers.get('content-type')).toBe('application/json; charset=utf-8');
  const [{ service_request_id: id }] = (await posted.json()) as { service_request_id: string }[];

  const readBack = async (): Promise<Open311Request> => {
    const res = await fetch(`${runtime.url}/open311/v2/requests/${id}.json?jurisdiction_id=${street.code}&api_key=${encodeURIComponent(apiKey)}`);
    expect(res.status).toBe(200);
    const text = await res.text();
    for (const secret of ['13700001111', '秀英', apiKey]) expect(text).not.toContain(secret);
    return ((JSON.parse(text)) as Open311Request[])[0];
  };
  expect(await readBack()).toMatchObject({ service_request_id: id, status: 'open', status_notes: '待受理', description: '市民来电：小区门口路灯不亮已三天' });

  // The grid worker finds it among their new requests, named by its source.
  const list = await call<{ items: { id: string; source: string }[] }>(worker, 'request', 'worklist', { tab: 'new' });
  expect(list.items.find((i) => i.id === id)?.source).toBe('hotline');
  // …and only the worker handling it gets the caller's number to call back.
  let detail = await call<{ version: number; callbackPhone: string | null }>(worker, 'request', 'detail', { id });
  expect(detail.callbackPhone).toBeNull();

  detail = await call(worker, 'request', 'accept', { id, version: detail.version });
  expect(detail.callbackPhone).toBe('13700001111');
  const accepted = await readBack();
  expect(accepted).toMatchObject({ status: 'open', status_notes: '已受理' });
  expect(accepted.expected_datetime).toMatch(/\+08:00$/);

  detail = await call(worker, 'request', 'progress', { id, version: detail.version, note: '已联系物业电工，今天下午维修', photoFileIds: [] });
  expect(await readBack()).toMatchObject({ status: 'open', status_notes: '处置中：已联系物业电工，今天下午维修' });

  await call(worker, 'request', 'resolve', { id, version: detail.version, note: '路灯已修好，市民可拨13800138000回访', photoFileIds: [] });
  const resolved = await readBack();
  expect(resolved).toMatchObject({ status: 'closed', status_notes: '待确认：路灯已修好，市民可拨138****8000回访', expected_datetime: null });

  // The XML form of the same answer, well-formed with the spec's elements.
  const xml = await (await fetch(`${runtime.url}/open311/v2/requests/${id}.xml?jurisdiction_id=${street.code}`)).text();
  expect(XMLValidator.validate(xml)).toBe(true);
  const req = new XMLParser({ parseTagValue: false }).parse(xml).service_requests.request as Record<string, string>;
  expect([req.service_request_id, req.status, req.description]).toEqual([id, 'closed', '']);

  // The public list holds what came in over Open311 only (the demo street's own requests are not published).
  const all = (await (await fetch(`${runtime.url}/open311/v2/requests.json?jurisdiction_id=${street.code}`)).json()) as Open311Request[];
  expect(all.map((r) => r.service_request_id)).toEqual([id]);
  // Every call made with the key is in its access log.
  const keys = await call<{ id: string; recentCalls: number }[]>('user-street-1', 'open311', 'partnerKeys', {});
  expect(keys[0].recentCalls).toBe(5);
}, 120_000);

test('the gateway hands Open311 its own refusals: an oversized body is 413, an unknown resource 404, both as the spec error array', async () => {
  const big = await fetch(`${runtime.url}/open311/v2/requests.json`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `description=${'很'.repeat(30_000)}`,
  });
  expect(big.status).toBe(413);
  expect(((await big.json()) as { code: number }[])[0].code).toBe(413);
  for (const path of ['/open311/v2', '/open311/v2/', '/open311/v2/discovery.json']) {
    const res = await fetch(`${runtime.url}${path}`);
    expect([path, res.status]).toEqual([path, 404]);
    expect(res.headers.get('content-type')).toMatch(/^(text\/xml|application\/json)/);
  }
});
