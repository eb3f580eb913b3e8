/**
 * Serves the H5 build (Taro, hash routing) from one folder: correct content types, gzip for text
 * (compressed once per file version and kept), long caching for content-hashed assets, and
 * index.html for any path that is not a file — the app routes after the `#`.
 */
import { promises as fsp, type Stats } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';

const gzip = promisify(gzipCallback);

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json',
};

const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.map', '.txt', '.svg', '.webmanifest']);
const MIN_GZIP_BYTES = 1024;
const MAX_CACHE_BYTES = 64 * 1024 * 1024;
/** Taro names built assets with a content hash (`app.3f9a1c2b.js`): those never change under one name. */
const HASHED = /[.-][0-9a-f]{8,}\.[a-z0-9]+$/i;

export function contentTypeOf(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

const MISSING_BUILD_PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>网格通 · 尚未构建</title>
<style>body{font-family:-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;max-width:36em;margin:4em auto;padding:0 1em;line-height:1.7;color:#222}code{background:#f3f3f3;padding:.1em .4em;border-radius:4px}</style>
</head><body>
<h1>网格通本地服务已启动</h1>
<p>还没有找到 H5 页面的构建结果（<code>dist-h5/</code>）。</p>
<p>请在项目目录下运行 <code>npm run build:h5</code>，完成后刷新本页；或者直接运行 <code>npm start</code>，它会先自动构建。</p>
<p>接口已可用：<code>/healthz</code>、<code>/api/fn/&lt;函数名&gt;</code>。</p>
</body></html>
`;

interface CachedGzip {
  key: string;
  bytes: Buffer;
}

export interface StaticHandler {
  /** Answers a GET/HEAD for a static path; always responds. */
  serve(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void>;
}

export function createStaticHandler(rootDir: string): StaticHandler {
  const root = resolve(rootDir);
  const gzipCache = new Map<string, CachedGzip>();
  let cachedBytes = 0;

  async function statFile(path: string): Promise<Stats | null> {
    try {
      const s = await fsp.stat(path);
      return s.isFile() ? s : null;
    } catch {
      return null;
    }
  }

  /** The file a URL path names inside the root, or null; never a path outside it. */
  async function locate(pathname: string): Promise<{ path: string; stat: Stats } | null> {
    const candidate = resolve(join(root, pathname));
    if (candidate !== root && !candidate.startsWith(root + sep)) return null;
    const direct = await statFile(candidate);
    if (direct) return { path: candidate, stat: direct };
    const index = join(candidate, 'index.html');
    const indexStat = await statFile(index);
    return indexStat ? { path: index, stat: indexStat } : null;
  }

  async function gzipped(path: string, stat: Stats): Promise<Buffer> {
    const key = `${stat.size}:${stat.mtimeMs}`;
    const hit = gzipCache.get(path);
    if (hit && hit.key === key) return hit.bytes;
    const bytes = await gzip(await fsp.readFile(path));
    if (hit) cachedBytes -= hit.bytes.length;
    // A plain size cap: the build is small; past the cap, newer files simply go uncached.
    if (cachedBytes + bytes.length <= MAX_CACHE_BYTES) {
      gzipCache.set(path, { key, bytes });
      cachedBytes += bytes.length;
    } else {
      gzipCache.delete(path);
    }
    return bytes;
  }

  async function send(req: IncomingMessage, res: ServerResponse, path: string, stat: Stats, status = 200): Promise<void> {
    const ext = extname(path).toLowerCase();
    const etag = `W/"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
    res.setHeader('Content-Type', contentTypeOf(path));
    res.setHeader('ETag', etag);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', ext !== '.html' && HASHED.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
    if (status === 200 && req.headers['if-none-match'] === etag) {
      res.writeHead(304).end();
      return;
    }
    const compress = COMPRESSIBLE.has(ext) && stat.size >= MIN_GZIP_BYTES;
    if (compress) res.setHeader('Vary', 'Accept-Encoding');
    const acceptsGzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    const body = compress && acceptsGzip ? await gzipped(path, stat) : await fsp.readFile(path);
    if (compress && acceptsGzip) res.setHeader('Content-Encoding', 'gzip');
    res.setHeader('Content-Length', body.length);
    res.writeHead(status);
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  return {
    async serve(req, res, pathname) {
      const indexPath = join(root, 'index.html');
      const indexStat = await statFile(indexPath);
      if (!indexStat) {
        res.writeHead(503, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
        res.end(req.method === 'HEAD' ? undefined : MISSING_BUILD_PAGE);
        return;
      }
      const found = await locate(pathname);
      if (found) return send(req, res, found.path, found.stat);
      // A path that names a file type (`/js/missing.js`) is a missing asset: answering it with the
      // page would hide the error behind a parse failure in the browser.
      if (extname(pathname) && extname(pathname) !== '.html') {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
        res.end(req.method === 'HEAD' ? undefined : '404 未找到该文件');
        return;
      }
      return send(req, res, indexPath, indexStat);
    },
  };
}
