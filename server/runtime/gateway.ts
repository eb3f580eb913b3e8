/**
 * The local runtime's HTTP front: what CloudBase's function gateway, storage and sign-in do in
 * production, on one origin with the H5 build. Plain `node:http`: a handful of routes.
 *
 *   POST /api/fn/:name        call a function: body `{ action, data }`, caller from the Bearer session only
 *   POST /api/files           upload an image (multipart field `file`, or a raw image body)
 *   GET  /files/:id?exp=&sig= a stored image through a short-lived signed URL
 *   GET  /healthz             liveness and a trivial store query
 *   GET|POST /open311/v2/*    the open311 function's HTTP side (Open311 GeoReport v2), handed the same event
 *                             CloudBase's HTTP access service builds (path, httpMethod, headers, query, body)
 *   GET  /api/dev/people      (dev mode only) the seeded people to sign in as
 *   POST /api/dev/session     (dev mode only) a demo session for one of them
 *   POST /api/dev/new-user    (dev mode only) a session as a brand-new WeChat user (a fresh openid, no role):
 *                             how an invitation is redeemed in a browser
 *   anything else             the H5 build, with index.html as the fallback
 *
 * Refusals are `{ ok: false, code, message }` with a Chinese message; a crash answers `INTERNAL`
 * and is logged here, never sent to the client.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { ERROR_MESSAGES, isDomainError, type ErrorCode } from '@core/shared/errors';
import { ROLE_LABELS, ROLES, type Role } from '@core/people/role';
import type { CloudFunction } from '../functions/define-function';
import type { HttpEvent } from '../functions/http-event';
import { OPEN311_BODY_LIMIT } from '../functions/open311.function';
import type { Deps, Logger } from '../use-cases/context';
import { PDF_MAX_BYTES } from '../ports/file-storage.port';
import type { EmbeddedStore, ListPeopleQuery } from '../adapters/embedded/embedded-store';
import type { Store } from '../ports/store.port';
import { resolveActor } from '../use-cases/account/resolve-actor';
import { storeUpload } from '../use-cases/uploads/accept-upload';
import { localFunctionDeps } from './local-deps';
import { isExportFileId, isFileId, newLocalFileId, type LocalFileStorage } from './local-files';
import { multipartBoundary, parseMultipart } from './multipart';
import { bearerToken, type RuntimeMode, type SessionPayload, type SessionService } from './session';
import { createStaticHandler } from './static-files';

export const JSON_BODY_LIMIT_BYTES = 1024 * 1024;
/** Room for the multipart envelope around the largest image we accept. */
export const UPLOAD_BODY_LIMIT_BYTES = PDF_MAX_BYTES + 64 * 1024;
/** Uploads buffered at once: with the per-upload cap this bounds upload memory to about 40 MB. */
export const MAX_CONCURRENT_UPLOADS = 8;
/** An oversized body is read and thrown away up to this much (so browsers see our answer), then cut off. */
const DRAIN_LIMIT_BYTES = 32 * 1024 * 1024;

/** The store as the gateway uses it: the port, plus the embedded adapter's people directory (dev sign-in). */
export type GatewayStore = Store & Pick<EmbeddedStore, 'listPeople'>;

export interface GatewayOptions {
  deps: Deps;
  functions: Readonly<Record<string, CloudFunction>>;
  mode: RuntimeMode;
  staticDir: string;
  sessions: SessionService;
  files: LocalFileStorage;
  store: GatewayStore;
  /** One line per request; defaults to deps.log. */
  log?: Logger;
  /** For `uptimeSeconds` in /healthz; defaults to when the gateway was created. */
  startedAt?: number;
}

type JsonBody = { ok: true; data: unknown } | { ok: false; code: ErrorCode; message: string };

function fail(code: ErrorCode, message?: string): JsonBody {
  return { ok: false, code, message: message ?? ERROR_MESSAGES[code] };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(text);
}

/**
 * Discards whatever is left of a request body without holding it; a client that keeps sending past
 * DRAIN_LIMIT_BYTES is disconnected.
 */
function discardRest(req: IncomingMessage, alreadyRead = 0): void {
  let seen = alreadyRead;
  req.removeAllListeners('data');
  req.on('data', (chunk: Buffer) => {
    seen += chunk.length;
    if (seen > DRAIN_LIMIT_BYTES) req.socket.destroy();
  });
  req.resume();
}

/** The client went away mid-body: nothing to answer and nothing to report. */
class ClientAborted extends Error {}

/** The body, or 'too_large' once it passes `limit` (the rest is drained, never kept). */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too_large'> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      discardRest(req);
      resolve('too_large');
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        settled = true;
        chunks.length = 0;
        discardRest(req, size);
        resolve('too_large');
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (settled) return;
      settled = true;
      resolve(Buffer.concat(chunks, size));
    });
    req.on('error', (e) => {
      if (!settled) reject(new ClientAborted(e.message));
      settled = true;
    });
    req.on('close', () => {
      if (!settled) reject(new ClientAborted('request closed before its body was complete'));
      settled = true;
    });
  });
}

function intParam(value: string | null, fallback: number, min: number, max: number): number {
  if (value === null || !/^\d{1,9}$/.test(value)) return fallback;
  return Math.min(max, Math.max(min, Number(value)));
}

function isRole(value: string | null): value is Role {
  return value !== null && (ROLES as readonly string[]).includes(value);
}

/** Open311 GeoReport v2, served by the open311 function (same route as the CloudBase HTTP access service's). */
const OPEN311_PREFIX = '/open311/v2/';
/** The HTTP status of an upload refusal: too large 413, too many 429, not allowed 403, anything else 400. */
function uploadRefusalStatus(code: ErrorCode): number {
  if (code === 'FILE.TOO_LARGE') return 413;
  if (code === 'UPLOAD.RATE_LIMITED' || code === 'UPLOAD.QUOTA_EXCEEDED') return 429;
  if (code === 'UPLOAD.NOT_ALLOWED') return 403;
  return 400;
}

const FUNCTION_ROUTE = /^\/api\/fn\/([A-Za-z][A-Za-z0-9_-]{0,63})\/?$/;
/** Everything under /files/ is the file route; the id is checked raw (undecoded) against its exact shape. */
const FILE_ROUTE = /^\/files\/(.*)$/;
/** Loopback origins the Taro H5 dev server runs on (`npm run dev:h5`); dev mode only. */
const LOOPBACK_ORIGIN = /^http:\/\/(localhost|127\.0\.0\.1|\[::1\]):\d{1,5}$/;

export function createGateway(options: GatewayOptions): Server {
  const { deps, functions, mode, sessions, files, store } = options;
  const log = options.log ?? deps.log;
  const startedAt = options.startedAt ?? Date.now();
  const statics = createStaticHandler(options.staticDir);

  /** The verified session, or null (missing, forged, expired, or not accepted in this mode). */
  function sessionOf(req: IncomingMessage): SessionPayload | null {
    const token = bearerToken(req.headers.authorization);
    return token ? sessions.verify(token) : null;
  }

  function refuseSession(req: IncomingMessage, res: ServerResponse): void {
    discardRest(req);
    sendJson(res, 401, fail('AUTH.SESSION_INVALID'));
  }

  async function callFunction(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    const fn = Object.prototype.hasOwnProperty.call(functions, name) ? functions[name] : undefined;
    if (!fn) {
      discardRest(req);
      return sendJson(res, 404, fail('ACTION.UNKNOWN'));
    }
    const session = sessionOf(req);
    if (!session) return refuseSession(req, res);
    const raw = await readBody(req, JSON_BODY_LIMIT_BYTES);
    if (raw === 'too_large') return sendJson(res, 413, fail('INPUT.INVALID', '提交的内容太多了，请删减后再试'));
    let body: unknown;
    try {
      body = raw.length ? JSON.parse(raw.toString('utf8')) : {};
    } catch {
      return sendJson(res, 400, fail('INPUT.INVALID'));
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return sendJson(res, 400, fail('INPUT.INVALID'));
    // Only the envelope goes through: whatever else the client put in the body (an openid, a role)
    // is dropped, and the caller is the session's openid alone.
    const { action, data } = body as { action?: unknown; data?: unknown };
    // The function gets only what its composition declares (server/composition/compositions.ts), as in production.
    const reply = await fn.handle({ kind: 'user', openid: session.sub }, { action, data }, localFunctionDeps(deps, name));
    sendJson(res, 200, reply);
  }

  /** `/open311/v2/*` → the open311 function's `http`, as the HTTP access service calls it in production. */
  async function callHttpFunction(req: IncomingMessage, res: ServerResponse, url: URL, fn: CloudFunction): Promise<void> {
    const method = req.method ?? 'GET';
    let body: string | null = null;
    if (method === 'POST') {
      const raw = await readBody(req, OPEN311_BODY_LIMIT);
      // Over the limit the function answers 413 in its own format (it sees a body it refuses to read).
      body = raw === 'too_large' ? 'x'.repeat(OPEN311_BODY_LIMIT + 1) : raw.toString('utf8');
    } else {
      discardRest(req);
    }
    const headers: HttpEvent['headers'] = {};
    for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(', ') : v;
    const query: Record<string, string> = {};
    for (const [k, v] of url.searchParams) query[k] = v;
    const event: HttpEvent = { path: url.pathname, httpMethod: method, headers, queryStringParameters: query, body, isBase64Encoded: false };
    const answer = await fn.http!(event, localFunctionDeps(deps, 'open311'));
    res.writeHead(answer.statusCode, { ...answer.headers, 'Content-Length': Buffer.byteLength(answer.body) });
    res.end(method === 'HEAD' ? undefined : answer.body);
  }

  let uploadsInFlight = 0;

  async function upload(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const session = sessionOf(req);
    if (!session) return refuseSession(req, res);
    if (uploadsInFlight >= MAX_CONCURRENT_UPLOADS) {
      discardRest(req);
      res.setHeader('Retry-After', '2');
      return sendJson(res, 503, fail('INTERNAL', '上传的人有点多，请稍后再试'));
    }
    uploadsInFlight++;
    try {
      await receiveUpload(req, res, session);
    } finally {
      uploadsInFlight--;
    }
  }

  async function receiveUpload(req: IncomingMessage, res: ServerResponse, session: SessionPayload): Promise<void> {
    const contentType = String(req.headers['content-type'] ?? '');
    const boundary = multipartBoundary(contentType);
    const raw = !boundary && /^(image\/(jpeg|png)|application\/(pdf|octet-stream))\s*(;|$)/i.test(contentType);
    if (!boundary && !raw) {
      discardRest(req);
      return sendJson(res, 400, fail('FILE.TYPE'));
    }
    const body = await readBody(req, boundary ? UPLOAD_BODY_LIMIT_BYTES : PDF_MAX_BYTES);
    if (body === 'too_large') return sendJson(res, 413, fail('FILE.TOO_LARGE'));
    let bytes: Buffer;
    if (boundary) {
      const parts = parseMultipart(body, boundary);
      const part = parts?.find((p) => p.name === 'file') ?? parts?.find((p) => p.filename !== null);
      if (!part) return sendJson(res, 400, fail('INPUT.INVALID', '没有收到图片，请重新选择后上传'));
      bytes = part.data;
    } else {
      bytes = body;
    }
    // The owner is whoever the session says, resolved fresh with their roles: who may upload and their
    // limits are decided by the same use case as a CloudBase claim (accept-upload.ts).
    if (!(await store.users.findByOpenid(session.sub))) return sendJson(res, 401, fail('AUTH.SESSION_INVALID'));
    try {
      const now = deps.clock.now();
      const { actor, user } = await resolveActor(deps, session.sub, now);
      const stored = await storeUpload({ actor, user, deps, now }, bytes, { newFileId: newLocalFileId, put: (owner, b, id) => files.put(owner, b, id) });
      sendJson(res, 200, { ok: true, data: stored });
    } catch (e) {
      if (isDomainError(e)) return sendJson(res, uploadRefusalStatus(e.code), fail(e.code, e.message));
      throw e;
    }
  }

  /**
   * An export (exports/<id>): streamed from disk, downloaded under its Chinese file name (RFC 6266
   * filename* in UTF-8, with an ASCII fallback for old clients), never rendered in the app's origin.
   */
  async function serveExport(res: ServerResponse, id: string, url: URL, head: boolean): Promise<void> {
    if (!files.verifyExportUrl(id, url.searchParams.get('exp'), url.searchParams.get('sig'))) {
      return sendJson(res, 403, fail('AUTH.FORBIDDEN', '下载链接已过期，请重新导出'));
    }
    const file = await files.openExport(id);
    if (!file) return sendJson(res, 404, fail('FILE.NOT_FOUND', '文件已过期，请重新导出'));
    const ext = file.info.fileName.slice(file.info.fileName.lastIndexOf('.'));
    res.writeHead(200, {
      'Content-Type': file.info.contentType,
      'Content-Length': file.info.size,
      'Content-Disposition': `attachment; filename="export${ext}"; filename*=UTF-8''${encodeURIComponent(file.info.fileName)}`,
      'Cache-Control': 'private, no-store',
      'Content-Security-Policy': "default-src 'none'",
      'X-Content-Type-Options': 'nosniff',
    });
    if (head) {
      file.stream.destroy();
      res.end();
      return;
    }
    file.stream.on('error', () => res.destroy());
    file.stream.pipe(res);
  }

  async function serveFile(res: ServerResponse, id: string, url: URL, head: boolean): Promise<void> {
    if (isExportFileId(id)) return serveExport(res, id, url, head);
    if (!isFileId(id) || !files.verifyUrl(id, url.searchParams.get('exp'), url.searchParams.get('sig'))) {
      return sendJson(res, 403, fail('AUTH.FORBIDDEN', '图片链接已过期，请刷新页面'));
    }
    const file = await files.readWithInfo(id);
    if (!file) return sendJson(res, 404, fail('FILE.NOT_FOUND'));
    const remaining = Math.max(0, Number(url.searchParams.get('exp')) - Math.floor(deps.clock.now().getTime() / 1000));
    res.writeHead(200, {
      'Content-Type': file.info.contentType,
      'Content-Length': file.bytes.length,
      'Cache-Control': `private, max-age=${remaining}`,
      'Content-Security-Policy': "default-src 'none'",
      'X-Content-Type-Options': 'nosniff',
      // A PDF is downloaded and opened by the phone's viewer, never rendered in the app's origin.
      ...(file.info.contentType === 'application/pdf' ? { 'Content-Disposition': 'attachment; filename="attachment.pdf"' } : {}),
    });
    res.end(head ? undefined : file.bytes);
  }

  async function health(res: ServerResponse): Promise<void> {
    const uptimeSeconds = Math.floor((Date.now() - startedAt) / 1000);
    try {
      await store.users.getById('healthz-probe');
    } catch (e) {
      log.error('[gateway] health check: store query failed', e);
      return sendJson(res, 503, { ok: false, code: 'INTERNAL', message: '数据库暂时不可用', data: { status: 'degraded', mode, uptimeSeconds, db: 'error' } });
    }
    sendJson(res, 200, { ok: true, data: { status: 'ok', mode, uptimeSeconds, db: 'ok' } });
  }

  async function devPeople(res: ServerResponse, url: URL): Promise<void> {
    const p = url.searchParams;
    const role = p.get('role');
    const query: ListPeopleQuery = {
      role: isRole(role) ? role : undefined,
      communityId: p.get('communityId') || undefined,
      q: p.get('q')?.trim().slice(0, 50) || undefined,
      limit: intParam(p.get('limit'), 50, 1, 200),
      offset: intParam(p.get('offset'), 0, 0, 1_000_000),
    };
    const { people: rows, total } = await store.listPeople(query);
    const people = rows.map((r) => ({
      id: r.id,
      openid: r.openid,
      name: r.name,
      role: r.role,
      roleLabel: r.role ? ROLE_LABELS[r.role] : '未绑定住址',
      where: r.where,
    }));
    sendJson(res, 200, { ok: true, data: { people, total } });
  }

  async function devSession(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req, 16 * 1024);
    if (raw === 'too_large') return sendJson(res, 413, fail('INPUT.INVALID'));
    let userId: unknown;
    try {
      userId = (JSON.parse(raw.toString('utf8')) as { userId?: unknown }).userId;
    } catch {
      return sendJson(res, 400, fail('INPUT.INVALID'));
    }
    if (typeof userId !== 'string' || !userId) return sendJson(res, 400, fail('INPUT.INVALID', '请选择要登录的用户'));
    const user = await store.users.getById(userId);
    if (!user) return sendJson(res, 404, fail('INPUT.INVALID', '没有找到这个用户，请刷新列表后重试'));
    const { token, payload } = sessions.issue(user);
    sendJson(res, 200, { ok: true, data: { token, name: user.name, userId: user.id, expiresAt: new Date(payload.exp * 1000).toISOString() } });
  }

  /** A fresh openid holding nothing, registered as resolveActor would on a first call. */
  async function devNewUser(req: IncomingMessage, res: ServerResponse): Promise<void> {
    discardRest(req);
    const id = deps.newId();
    const user = await store.users.ensure({
      id, openid: `dev-wx-${randomUUID()}`, name: '微信用户', phone: null, residence: null, posts: [], createdAt: deps.clock.now().toISOString(),
    });
    const { token, payload } = sessions.issue(user);
    sendJson(res, 200, { ok: true, data: { token, name: user.name, userId: user.id, expiresAt: new Date(payload.exp * 1000).toISOString() } });
  }

  async function route(req: IncomingMessage, res: ServerResponse, url: URL, pathname: string): Promise<void> {
    const method = req.method ?? 'GET';
    const isGet = method === 'GET' || method === 'HEAD';

    if (mode === 'dev') {
      const origin = req.headers.origin;
      if (typeof origin === 'string' && LOOPBACK_ORIGIN.test(origin)) {
        res.setHeader('Access-Control-Allow-Origin', origin);
        res.setHeader('Vary', 'Origin');
        if (method === 'OPTIONS') {
          res.writeHead(204, {
            'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
            'Access-Control-Allow-Headers': 'Authorization, Content-Type',
            'Access-Control-Max-Age': '600',
          });
          res.end();
          return;
        }
      }
    }

    const fnMatch = FUNCTION_ROUTE.exec(pathname);
    if (fnMatch && method === 'POST') return callFunction(req, res, fnMatch[1]);
    const open311 = Object.prototype.hasOwnProperty.call(functions, 'open311') ? functions.open311 : undefined;
    if ((pathname.startsWith(OPEN311_PREFIX) || pathname === OPEN311_PREFIX.slice(0, -1)) && open311?.http) return callHttpFunction(req, res, url, open311);
    if (pathname === '/api/files' && method === 'POST') return upload(req, res);
    if (pathname === '/healthz' && isGet) return health(res);
    // Dev routes exist only in dev mode: in production they are not routes at all.
    if (mode === 'dev' && pathname === '/api/dev/people' && isGet) return devPeople(res, url);
    if (mode === 'dev' && pathname === '/api/dev/session' && method === 'POST') return devSession(req, res);
    if (mode === 'dev' && pathname === '/api/dev/new-user' && method === 'POST') return devNewUser(req, res);
    const fileMatch = FILE_ROUTE.exec(url.pathname);
    if (fileMatch && isGet) return serveFile(res, fileMatch[1], url, method === 'HEAD');

    if (pathname.startsWith('/api/') || pathname === '/api' || fileMatch || pathname === '/healthz') {
      discardRest(req);
      const known = fnMatch || pathname === '/api/files' || pathname === '/healthz' || fileMatch;
      return sendJson(res, known ? 405 : 404, fail('ACTION.UNKNOWN', known ? '不支持该请求方式' : '没有这个接口'));
    }
    if (!isGet) {
      discardRest(req);
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('405 不支持该请求方式');
      return;
    }
    return statics.serve(req, res, pathname);
  }

  const server = createServer((req, res) => {
    const t0 = process.hrtime.bigint();
    let pathname = '/';
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
      pathname = decodeURIComponent(url.pathname);
      if (pathname.includes('\0')) throw new Error('NUL in path');
    } catch {
      discardRest(req);
      sendJson(res, 400, fail('INPUT.INVALID', '请求地址有误'));
      return;
    }
    // Query strings stay out of the log: a signed file URL's signature is a bearer credential.
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      log.info(`${req.method} ${url.pathname} ${res.statusCode} ${ms.toFixed(1)}ms`);
    });
    route(req, res, url, pathname).catch((e: unknown) => {
      if (e instanceof ClientAborted) return;
      log.error(`[gateway] ${req.method} ${url.pathname} failed`, e);
      if (!res.headersSent) sendJson(res, 500, fail('INTERNAL'));
      else res.destroy();
    });
  });
  // Slow clients may not hold sockets open indefinitely (a 5 MB upload on a slow phone still fits).
  server.headersTimeout = 20_000;
  server.requestTimeout = 120_000;
  return server;
}
