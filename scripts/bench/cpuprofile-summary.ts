/**
 * Where a process spent its CPU, from V8 CPU profiles (`node --cpu-prof`, or WGT_BENCH_CPU_PROF=<dir> for the
 * benchmarks' runtime, see spawn-runtime.ts):
 *
 *   npx tsx scripts/bench/cpuprofile-summary.ts <file.cpuprofile | dir> [--top 40] [--min-ms 5]
 *
 * For each profile (the coordinator's is the one with almost no samples outside idle): the share of busy time
 * (all samples except `(idle)`) in each category below, counted inclusively (a sample counts once for a category if
 * any frame of its stack matches; SQLite by the calling frame's self time, see below), then the functions with the
 * most self time and the most total time.
 * Categories overlap (JSON inside a use case is in both), so they are not meant to sum to 100%.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** What a frame is, by its function name and file. Order matters only for readability of the output. */
export const CATEGORIES: { name: string; test: (fn: string, url: string) => boolean; leafOnly?: boolean }[] = [
  { name: 'HTTP 解析与写出（node:_http_*、net、stream）', test: (_f, u) => /node:(_http_|http$|net$|internal\/streams|internal\/stream_base|stream$)/.test(u) },
  { name: '网关路由（gateway.ts）', test: (_f, u) => u.includes('server/runtime/gateway.ts') },
  { name: '会话校验（session.ts verify）', test: (f, u) => u.includes('server/runtime/session.ts') && f !== 'bearerToken' },
  { name: 'HMAC / crypto', test: (_f, u) => /node:internal\/crypto|node:crypto/.test(u) },
  { name: '函数分发（define-function.ts）', test: (_f, u) => u.includes('server/functions/define-function.ts') },
  { name: '解析调用者（resolve-actor.ts）', test: (_f, u) => u.includes('server/functions/resolve-actor.ts') },
  { name: '输入校验（core/validation）', test: (_f, u) => u.includes('core/validation/') },
  // better-sqlite3 runs a statement in native code, which the profile counts as the self time of the JS frame that
  // called it: the store's one / all / rows / run and the read cache's version read (readVersionNow).
  {
    name: 'SQLite 语句（better-sqlite3，调用它的 one / all / rows / run / readVersionNow 的自身时间）',
    test: (f, u) => u.includes('better-sqlite3') || (u.includes('server/adapters/embedded/embedded-store.ts') && /^(one|all|rows|run|readVersionNow)$/.test(f)),
    leafOnly: true,
  },
  { name: '嵌入式适配器（server/adapters/embedded）', test: (_f, u) => u.includes('server/adapters/embedded/') },
  { name: '用例（server/use-cases）', test: (_f, u) => u.includes('server/use-cases/') },
  { name: '领域（core/）', test: (_f, u) => u.includes('/core/') },
  { name: 'JSON.parse', test: (f) => f === 'parse' || f === 'JSON.parse' },
  { name: 'JSON.stringify', test: (f) => f === 'stringify' || f === 'JSON.stringify' },
  { name: '访问日志（logger）', test: (_f, u) => u.includes('server/runtime/local-deps.ts') },
  { name: 'URL 解析（node:internal/url）', test: (_f, u) => u.includes('node:internal/url') },
  { name: '计时器 / nextTick / Promise（node:internal/timers, process/task_queues）', test: (_f, u) => /node:internal\/(timers|process\/task_queues)/.test(u) },
  { name: '垃圾回收 (garbage collector)', test: (f) => f === '(garbage collector)' },
  { name: '(program)：V8/libuv 本身，未归到 JS 函数', test: (f) => f === '(program)' },
];

const shortUrl = (url: string) => url.replace(/^file:\/\/.*?\/(server|core|scripts|node_modules)\//, '$1/');
const keyOf = (c: CallFrame) => `${c.functionName || '(anonymous)'} ${shortUrl(c.url)}:${c.lineNumber + 1}`;

export interface ProfileSummary {
  file: string;
  wallMs: number;
  busyMs: number;
  categories: { name: string; ms: number; share: number }[];
  self: { fn: string; ms: number; share: number }[];
  total: { fn: string; ms: number; share: number }[];
}

export function summarise(file: string, top = 40): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // The time of sample i is the delta to the next one (the last gets the average).
  const deltas = profile.timeDeltas.slice(1).concat([0]);
  const avg = (profile.endTime - profile.startTime) / Math.max(1, profile.samples.length);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const cats = new Map<string, number>();
  let busy = 0;
  const stackCache = new Map<number, { keys: string[]; cats: string[] }>();
  const stackOf = (leaf: number) => {
    let s = stackCache.get(leaf);
    if (s) return s;
    const keys = new Set<string>();
    const found = new Set<string>();
    for (let id: number | undefined = leaf; id !== undefined; id = parent.get(id)) {
      const c = byId.get(id)!.callFrame;
      if (c.functionName === '(root)') continue;
      keys.add(keyOf(c));
      for (const cat of CATEGORIES) if (!cat.leafOnly && cat.test(c.functionName, c.url)) found.add(cat.name);
    }
    s = { keys: [...keys], cats: [...found] };
    stackCache.set(leaf, s);
    return s;
  };
  profile.samples.forEach((leaf, i) => {
    const us = deltas[i] > 0 ? deltas[i] : avg;
    const frame = byId.get(leaf)!.callFrame;
    if (frame.functionName === '(idle)') return;
    busy += us;
    const k = keyOf(frame);
    self.set(k, (self.get(k) ?? 0) + us);
    const s = stackOf(leaf);
    for (const key of s.keys) total.set(key, (total.get(key) ?? 0) + us);
    for (const c of s.cats) cats.set(c, (cats.get(c) ?? 0) + us);
    for (const c of CATEGORIES) if (c.leafOnly && c.test(frame.functionName, frame.url)) cats.set(c.name, (cats.get(c.name) ?? 0) + us);
  });
  const rows = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([fn, us]) => ({ fn, ms: Math.round(us / 100) / 10, share: us / busy }));
  return {
    file,
    wallMs: Math.round((profile.endTime - profile.startTime) / 1000),
    busyMs: Math.round(busy / 1000),
    categories: CATEGORIES.map((c) => ({ name: c.name, ms: Math.round((cats.get(c.name) ?? 0) / 1000), share: (cats.get(c.name) ?? 0) / busy })),
    self: rows(self),
    total: rows(total),
  };
}

function main(): void {
  const args = process.argv.slice(2);
  const topAt = args.indexOf('--top');
  const top = topAt >= 0 ? Number(args[topAt + 1]) : 40;
  const target = args.find((a, i) => !a.startsWith('--') && (i === 0 || !args[i - 1].startsWith('--')));
  if (!target) throw new Error('usage: cpuprofile-summary.ts <file.cpuprofile | dir> [--top N]');
  const files = statSync(target).isDirectory()
    ? readdirSync(target).filter((f) => f.endsWith('.cpuprofile')).map((f) => join(target, f))
    : [target];
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  for (const f of files) {
    const s = summarise(f, top);
    console.log(`\n## ${f}\n墙钟 ${s.wallMs} ms，忙碌（非 idle）${s.busyMs} ms\n`);
    console.log('| 类别（含下层调用） | ms | 占忙碌 |\n|---|---|---|');
    for (const c of s.categories) console.log(`| ${c.name} | ${c.ms} | ${pct(c.share)} |`);
    console.log('\n| 自身时间最多 | ms | 占忙碌 |\n|---|---|---|');
    for (const r of s.self) console.log(`| ${r.fn} | ${r.ms} | ${pct(r.share)} |`);
    console.log('\n| 总时间最多（含下层） | ms | 占忙碌 |\n|---|---|---|');
    for (const r of s.total) console.log(`| ${r.fn} | ${r.ms} | ${pct(r.share)} |`);
  }
}

if (require.main === module) main();
