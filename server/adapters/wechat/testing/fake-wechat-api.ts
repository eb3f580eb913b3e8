/**
 * TEST CODE ONLY: WeChat's subscribe-message endpoint on loopback, for driving the production sender
 * (wechat-subscribe-sender.ts) over a real socket. It keeps WeChat's own books — consent per (openid,
 * template id), one used per accepted send, 43101 without — and the messages it accepted, per phone.
 * Faults are scripted per openid: fail the next k calls (errcode -1, system busy), leave the next k
 * unanswered (the caller times out), or refuse every call with 47003.
 *
 * `loopbackOpenapi(url)` is the client side: the same surface as wx-server-sdk's `cloud.openapi`
 * (`subscribeMessage.send`, throwing `{ errCode, errMsg }` on a refusal as the SDK does).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SubscribeMessageApi } from '../wechat-subscribe-sender';

export interface DeliveredMessage {
  touser: string;
  template_id: string;
  page: string;
  data: Record<string, { value: string }>;
  miniprogram_state: string;
}

export interface FakeWechatApi {
  url: string;
  /** Every message WeChat accepted, in order: what the phones show. */
  readonly delivered: DeliveredMessage[];
  /** Calls received per openid (answered or not). */
  readonly calls: Map<string, number>;
  /** The person allowed `n` more sends of this template (WeChat's count, not ours). */
  grant(openid: string, templateId: string, n?: number): void;
  failNext(openid: string, k: number): void;
  hangNext(openid: string, k: number): void;
  refuseAllWith47003(openid: string): void;
  close(): Promise<void>;
}

export async function startFakeWechatApi(): Promise<FakeWechatApi> {
  const consent = new Map<string, number>();
  const failing = new Map<string, number>();
  const hanging = new Map<string, number>();
  const bad = new Set<string>();
  const delivered: DeliveredMessage[] = [];
  const calls = new Map<string, number>();
  const take = (m: Map<string, number>, key: string) => {
    const left = m.get(key) ?? 0;
    if (left > 0) m.set(key, left - 1);
    return left > 0;
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const answer = (body: { errcode: number; errmsg: string }) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.method !== 'POST' || !req.url?.startsWith('/cgi-bin/message/subscribe/send')) {
        res.writeHead(404).end();
        return;
      }
      let msg: DeliveredMessage;
      try {
        msg = JSON.parse(Buffer.concat(chunks).toString('utf8')) as DeliveredMessage;
      } catch {
        answer({ errcode: 47001, errmsg: 'data format error' });
        return;
      }
      const who = msg.touser;
      calls.set(who, (calls.get(who) ?? 0) + 1);
      if (take(hanging, who)) return; // never answered; the socket closes with the server
      if (take(failing, who)) return answer({ errcode: -1, errmsg: 'system error' });
      if (bad.has(who)) return answer({ errcode: 47003, errmsg: 'argument invalid! data.thing1.value invalid' });
      if (!take(consent, `${who}|${msg.template_id}`)) return answer({ errcode: 43101, errmsg: 'user refuse to accept the msg' });
      delivered.push(msg);
      answer({ errcode: 0, errmsg: 'ok' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    delivered,
    calls,
    grant: (openid, templateId, n = 1) => consent.set(`${openid}|${templateId}`, (consent.get(`${openid}|${templateId}`) ?? 0) + n),
    failNext: (openid, k) => failing.set(openid, k),
    hangNext: (openid, k) => hanging.set(openid, k),
    refuseAllWith47003: (openid) => bad.add(openid),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** wx-server-sdk's `cloud.openapi`, as far as the sender uses it, talking to the fake over HTTP. */
export function loopbackOpenapi(url: string): SubscribeMessageApi {
  return {
    subscribeMessage: {
      async send(args) {
        const res = await fetch(`${url}/cgi-bin/message/subscribe/send`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ touser: args.touser, template_id: args.templateId, page: args.page, data: args.data, miniprogram_state: args.miniprogramState, lang: args.lang }),
        });
        const body = (await res.json()) as { errcode: number; errmsg: string };
        if (body.errcode !== 0) throw { errCode: body.errcode, errMsg: `openapi.subscribeMessage.send:fail ${body.errmsg}` };
        return { errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' };
      },
    },
  };
}
