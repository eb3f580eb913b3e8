/** Test helpers for the open311 function's HTTP side: an HTTP access service event, and a partner key. */
import type { CreatedPartnerKey } from '@core/api/open311.contract';
import type { User } from '@core/people/user';
import type { HttpEvent, HttpResponse } from '../functions/http-event';
import { open311Function } from '../functions/open311.function';
import type { Harness } from './function-harness';

export interface HttpCall {
  query?: Record<string, string>;
  form?: Record<string, string>;
  json?: unknown;
}

export function open311Event(method: string, resource: string, call: HttpCall = {}): HttpEvent {
  const body = call.form ? new URLSearchParams(call.form).toString() : call.json !== undefined ? JSON.stringify(call.json) : null;
  const type = call.form ? 'application/x-www-form-urlencoded' : call.json !== undefined ? 'application/json' : undefined;
  return {
    path: `/open311/v2/${resource}`,
    httpMethod: method,
    headers: type ? { 'Content-Type': type } : {},
    queryStringParameters: call.query ?? {},
    body,
    isBase64Encoded: false,
  };
}

export function open311(h: Harness, method: string, resource: string, call: HttpCall = {}): Promise<HttpResponse> {
  return open311Function.http!(open311Event(method, resource, call), h.deps);
}

export const STREET_ADMIN = 'admin';

/** A bound street admin (and street staff) of the small street's s1. */
export async function addStreetAdmin(h: Harness, id = STREET_ADMIN, streetId = 's1'): Promise<void> {
  const user: User = {
    id, openid: `open-${id}`, name: '林管理', phone: '13911115678', residence: null, createdAt: '2026-01-05T00:00:00.000Z',
    posts: [{ role: 'street_staff', streetId }, { role: 'street_admin', streetId }],
  };
  await h.deps.store.people.createUser(user);
}

export async function createKey(h: Harness, name = '12345热线', kind: 'hotline' | 'platform' = 'hotline', who = STREET_ADMIN): Promise<CreatedPartnerKey> {
  const reply = await h.call<CreatedPartnerKey>(who, 'open311', 'createPartnerKey', { name, kind });
  if (!reply.ok) throw new Error(`${reply.code}: ${reply.message}`);
  return reply.data;
}
