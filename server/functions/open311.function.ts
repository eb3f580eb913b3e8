/**
 * Deploy unit `open311`: the Open311 GeoReport v2 API (HTTP; CloudBase HTTP access service route
 * `/open311/v2` → this function, locally the gateway's `/open311/v2/*`) and, as ordinary actions, the street
 * admin's partner keys. See docs/OPEN311.md.
 *
 *   GET  services.{json|xml}                 public
 *   GET  services/{service_code}.{json|xml}  public
 *   POST requests.{json|xml}                 api_key required
 *   GET  requests.{json|xml}                 public (with a valid api_key: descriptions too)
 *   GET  requests/{id}.{json|xml}            public (idem)
 *   GET  tokens/{token}.{json|xml}           api_key required
 *
 * Every call made with a valid key is appended to that key's access log (method, path, status).
 */
import { OPEN311_SCHEMAS as s } from '@core/api/open311.schemas';
import type { Open311Format } from '@core/open311/open311';
import { OPEN311_CONTENT_TYPES, renderOpen311, type Open311Document } from '@core/open311/render';
import { isDomainError } from '@core/shared/errors';
import { createPartnerKey } from '../use-cases/open311/create-partner-key';
import { getRequest, getRequests } from '../use-cases/open311/get-requests';
import { getServiceDefinition, getServices } from '../use-cases/open311/get-services';
import { getToken } from '../use-cases/open311/get-token';
import { listPartnerKeys } from '../use-cases/open311/list-partner-keys';
import { jurisdictionOf, partnerKeyOf, type Open311Params } from '../use-cases/open311/open311-caller';
import { Open311Failure, statusOfDomainCode } from '../use-cases/open311/open311-failure';
import { postRequest } from '../use-cases/open311/post-request';
import { revokePartnerKey } from '../use-cases/open311/revoke-partner-key';
import type { PartnerKey } from '../ports/partner.port';
import { defineFunction, type CloudFunction } from './define-function';
import type { Deps } from '../use-cases/context';
import { headerOf, type HttpEvent, type HttpResponse } from './http-event';

/** A form or JSON body larger than this is refused (a request's text is at most a few kilobytes). */
export const OPEN311_BODY_LIMIT = 64 * 1024;

const ROUTE = /^(services|requests|tokens)(?:\/([^/]+?))?\.(json|xml)$/;

/** The resource part of the path: after `/v2/` (the HTTP access route may or may not pass its prefix on). */
function resourceOf(path: string): string {
  const i = path.indexOf('/v2/');
  return (i >= 0 ? path.slice(i + 4) : path).replace(/^\/+/, '');
}

function formatOf(resource: string): Open311Format {
  return resource.endsWith('.json') ? 'json' : 'xml';
}

/** Query parameters, then (for POST) the form-encoded or JSON body; `attribute[x]` may also come as `attribute: { x }`. */
function paramsOf(event: HttpEvent): Open311Params {
  const out: Open311Params = {};
  for (const [k, v] of Object.entries(event.queryStringParameters ?? {})) if (typeof v === 'string') out[k] = v;
  if (event.httpMethod.toUpperCase() !== 'POST' || !event.body) return out;
  const raw = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (raw.length > OPEN311_BODY_LIMIT) throw new Open311Failure(413, '提交的内容太多了');
  const type = headerOf(event.headers, 'content-type') ?? '';
  if (type.includes('json')) {
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      throw new Open311Failure(400, '请求内容不是有效的 JSON');
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new Open311Failure(400, '请求内容应为对象');
    for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
      if (k === 'attribute' && typeof v === 'object' && v !== null) {
        for (const [ak, av] of Object.entries(v as Record<string, unknown>)) if (typeof av === 'string' || typeof av === 'number') out[`attribute[${ak}]`] = String(av);
      } else if (typeof v === 'string' || typeof v === 'number') out[k] = String(v);
    }
    return out;
  }
  for (const [k, v] of new URLSearchParams(raw)) out[k] = v;
  return out;
}

/** A path segment as sent; a malformed escape is no resource of ours. */
function segment(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new Open311Failure(404, '没有这个接口');
  }
}

interface Answer {
  status: number;
  doc: Open311Document;
}

async function route(deps: Deps, event: HttpEvent, resource: string, onKey: (key: PartnerKey) => void): Promise<Answer> {
  const m = ROUTE.exec(resource);
  if (!m) throw new Open311Failure(404, '没有这个接口');
  const [, collection, id] = m;
  const method = event.httpMethod.toUpperCase();
  const isPost = collection === 'requests' && !id;
  if (method !== 'GET' && !(isPost && method === 'POST')) throw new Open311Failure(405, '不支持该请求方式');
  const params = paramsOf(event);
  const now = deps.clock.now();
  const street = await jurisdictionOf(deps, params);
  const key = await partnerKeyOf(deps, params, street);
  if (key) onKey(key);
  if (collection === 'services') {
    if (id) return { status: 200, doc: { kind: 'service_definition', definition: await getServiceDefinition(deps, street, segment(id)) } };
    return { status: 200, doc: { kind: 'services', services: await getServices(deps, street) } };
  }
  if (collection === 'tokens') {
    if (!id) throw new Open311Failure(404, '没有这个接口');
    return { status: 200, doc: { kind: 'tokens', tokens: await getToken(deps, street, key, segment(id)) } };
  }
  if (id) return { status: 200, doc: { kind: 'requests', requests: await getRequest(deps, street, key, segment(id)) } };
  if (method === 'POST') {
    const { posted } = await postRequest(deps, street, key, params, now);
    return { status: 200, doc: { kind: 'posted', posted: [posted] } };
  }
  return { status: 200, doc: { kind: 'requests', requests: await getRequests(deps, street, key, params, now) } };
}

/** The HTTP side of the function: never throws; a refusal is the spec's error array with its HTTP status. */
export async function handleOpen311(event: HttpEvent, deps: Deps): Promise<HttpResponse> {
  const resource = resourceOf(event.path);
  const format = formatOf(resource);
  let key: PartnerKey | null = null;
  let answer: Answer;
  try {
    answer = await route(deps, event, resource, (k) => void (key = k));
  } catch (e) {
    if (e instanceof Open311Failure) answer = { status: e.status, doc: { kind: 'errors', errors: [{ code: e.status, description: e.description }] } };
    else if (isDomainError(e)) {
      const status = statusOfDomainCode(e.code);
      answer = { status, doc: { kind: 'errors', errors: [{ code: status, description: e.message }] } };
    } else {
      deps.log.error('[open311] unexpected error', e);
      answer = { status: 500, doc: { kind: 'errors', errors: [{ code: 500, description: '服务暂时不可用，请稍后再试' }] } };
    }
  }
  const used = key as PartnerKey | null;
  if (used) {
    try {
      await deps.store.partnerKeys.logAccess({
        id: deps.newId(), keyId: used.id, streetId: used.streetId, at: deps.clock.now().toISOString(),
        method: event.httpMethod.toUpperCase().slice(0, 10), path: `/open311/v2/${resource}`.slice(0, 300), status: answer.status,
      });
    } catch (e) {
      // The answer stands (a POST may already have created its request); the failure is reported.
      deps.log.error('[open311] access log write failed', e);
    }
  }
  return {
    statusCode: answer.status,
    headers: { 'Content-Type': OPEN311_CONTENT_TYPES[format], 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' },
    body: renderOpen311(format, answer.doc),
    isBase64Encoded: false,
  };
}

export const open311Function: CloudFunction = {
  ...defineFunction('open311', {
    partnerKeys: { permission: 'partner.manage', input: s.partnerKeys, run: listPartnerKeys },
    createPartnerKey: { permission: 'partner.manage', input: s.createPartnerKey, run: createPartnerKey },
    revokePartnerKey: { permission: 'partner.manage', input: s.revokePartnerKey, run: revokePartnerKey },
  }),
  http: handleOpen311,
};
