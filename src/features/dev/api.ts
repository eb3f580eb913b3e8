/**
 * H5 only: the demo sign-in of the local runtime. Part of the H5 transport layer (it obtains the session
 * the transport sends), so it talks HTTP directly — nothing else in the app may.
 */
import Taro from '@tarojs/taro';
import type { Role } from '@core/people/role';
import { CallError } from '../../lib/cloud/call-error';
import { unwrapReply } from '../../lib/cloud/client';
import { replyFromHttp } from '../../lib/cloud/http-reply';
import { TransportFailure } from '../../lib/cloud/transport.port';

const API_BASE = process.env.TARO_APP_API_BASE || '';

export interface DevPerson {
  id: string;
  openid: string;
  name: string;
  role: Role;
  roleLabel: string;
  where: string;
}

export interface PeoplePage {
  people: DevPerson[];
  total: number;
}

export interface PeopleQuery {
  role?: Role;
  communityId?: string;
  q?: string;
  limit: number;
  offset: number;
}

async function request(method: 'GET' | 'POST', url: string, data?: Record<string, unknown>): Promise<unknown> {
  let res: Taro.request.SuccessCallbackResult<string | TaroGeneral.IAnyObject>;
  try {
    res = await Taro.request<string | TaroGeneral.IAnyObject>({ url: `${API_BASE}${url}`, method, data, header: { 'Content-Type': 'application/json' }, timeout: 15000 });
  } catch {
    throw new CallError('NETWORK');
  }
  try {
    return unwrapReply(replyFromHttp(res.statusCode, res.data));
  } catch (e) {
    if (e instanceof TransportFailure) throw new CallError(e.kind === 'network' ? 'NETWORK' : 'INTERNAL');
    throw e;
  }
}

export function peopleUrl(query: PeopleQuery): string {
  const params = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`);
  return `/api/dev/people?${params.join('&')}`;
}

export const devApi = {
  async people(query: PeopleQuery): Promise<PeoplePage> {
    const data = (await request('GET', peopleUrl(query))) as Partial<PeoplePage> | undefined;
    return { people: data?.people ?? [], total: data?.total ?? 0 };
  },
  /** A fresh WeChat identity with no role: how an invitation is redeemed in the browser. */
  async signInAsNewUser(): Promise<{ token: string; name: string }> {
    const data = (await request('POST', '/api/dev/new-user', {})) as { token?: unknown; name?: unknown } | undefined;
    if (!data || typeof data.token !== 'string') throw new CallError('INTERNAL');
    return { token: data.token, name: typeof data.name === 'string' ? data.name : '' };
  },
  async signIn(userId: string): Promise<{ token: string; name: string }> {
    const data = (await request('POST', '/api/dev/session', { userId })) as { token?: unknown; name?: unknown } | undefined;
    if (!data || typeof data.token !== 'string') throw new CallError('INTERNAL');
    return { token: data.token, name: typeof data.name === 'string' ? data.name : '' };
  },
};
