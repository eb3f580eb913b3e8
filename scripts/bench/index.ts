/**
 * `npm run bench [-- <name>...]` with names: size, functions, gateway, requests, delivery, notices, import, assessment, export, similar, checkin (default: all).
 * `requests` runs at 10k, 100k and 1M requests; WGT_BENCH_COUNTS=10000,100000 picks others.
 * `delivery` dispatches 50,000 messages (WGT_BENCH_MESSAGES picks another number; WGT_BENCH_SEND_RATE the limit, default 1000/s).
 * `notices` runs with 50,000 and 500,000 residents; WGT_BENCH_RESIDENTS=50000 picks others.
 * `import` imports a 50,000-household / 200-grid register (XLSX) into a fresh embedded store, then again.
 * `export` writes the 诉求台账 of 100,000 requests as XLSX and CSV (WGT_BENCH_EXPORT_ROWS picks another count): time and peak RSS.
 * `assessment` loads 1,000,000 requests of one street (WGT_BENCH_ASSESSMENT_COUNT picks another number), recounts them, times the
 *   counter reads and the whole assessment views (dashboard, figure list, 我的考核, scorecard) with the CloudBase requests each costs.
 * `similar` loads 1,000,000 requests of one year (WGT_BENCH_SIMILAR_COUNT / WGT_BENCH_SIMILAR_YEARS pick others) and times the
 *   同问 suggestion call (request.similar, in-process through the function's handle): p50 / p99.
 * `checkin` starts a street-wide 报平安 over 50,000 households (WGT_BENCH_CHECKIN_HOUSEHOLDS picks another number) and times
 *   the start, answers, 200 concurrent answers with duplicates, the per-grid progress and a grid's not-yet list.
 * Prints markdown tables; docs/BENCHMARKS.md records a run and how to reproduce it.
 */
import { cpus, loadavg } from 'node:os';
import { benchFunctions } from './functions.bench';
import { benchGateway } from './gateway.bench';
import { benchH5FirstLoad, benchSize } from './size.bench';
import { benchDelivery } from './delivery.bench';
import { benchNotices } from './notices.bench';
import { benchExport, printExport } from './export.bench';
import { benchImport, printImport } from './import.bench';
import { benchRequests, WARM_UP_SECONDS } from './requests.bench';
import { benchAssessment, printAssessment } from './assessment.bench';
import { assessmentViewCases } from './assessment-views.bench';
import { benchSimilar, printSimilar } from './similar.bench';
import { benchCheckIn, printCheckIn } from './checkin.bench';

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
/** The machine's 1-, 5- and 15-minute load averages: on 2 cores, above 2 means something else wanted the CPU too. */
const load = () => loadavg().map((x) => x.toFixed(2)).join(' / ');

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const run = (name: string) => wanted.length === 0 || wanted.includes(name);
  const counts = (process.env.WGT_BENCH_COUNTS ?? '10000,100000,1000000').split(',').map(Number);
  console.log(`# 基准 ${new Date().toISOString()} — Node ${process.version}, ${cpus().length} 核 ${cpus()[0]?.model ?? ''}，开始时负载 ${load()}\n`);

  if (run('size')) {
    const r = benchSize();
    console.log('## 小程序包体积（weapp，不含 .map）\n\n| 包 | 大小 |\n|---|---|');
    for (const p of r.weapp) console.log(`| ${p.package} | ${kb(p.bytes)} |`);
    console.log('\n## H5 首屏 JavaScript\n\n| 文件 | 原始 | gzip |\n|---|---|---|');
    for (const s of r.h5) console.log(`| ${s.script} | ${kb(s.bytes)} | ${kb(s.gzipBytes)} |`);
    const total = r.h5.reduce((a, s) => a + s.gzipBytes, 0);
    console.log(`| **合计** | ${kb(r.h5.reduce((a, s) => a + s.bytes, 0))} | **${kb(total)}** |\n`);
    const first = await benchH5FirstLoad();
    console.log(`浏览器实测（Chromium 冷缓存打开居民首页直到联系卡出现）：${first.files} 个脚本，传输 ${kb(first.transferredBytes)}（gzip），解压后 ${kb(first.rawBytes)}。\n`);
  }
  if (run('functions')) {
    const r = benchFunctions();
    console.log('## 云函数包与冷启动导入（新 Node 进程，15 次取中位数）\n\n| 函数 | 包大小 | 导入中位数 | 最快 |\n|---|---|---|---|');
    for (const f of r) console.log(`| ${f.name} | ${f.bytes === null ? '—' : kb(f.bytes)} | ${f.medianMs} ms | ${f.minMs} ms |`);
    console.log('');
  }
  if (run('gateway')) {
    const r = await benchGateway();
    console.log('## 本地网关（autocannon，32 连接，10 秒，回环）\n\n| 路由 | 请求/秒 | p50 | p99 | 错误 | 非2xx |\n|---|---|---|---|---|---|');
    for (const l of r) console.log(`| ${l.route} | ${l.requestsPerSecond} | ${l.p50} ms | ${l.p99} ms | ${l.errors} | ${l.non2xx} |`);
    if (r.length === 2) console.log(`\n联系卡调用的吞吐是健康检查的 ${((r[1].requestsPerSecond / r[0].requestsPerSecond) * 100).toFixed(0)}%。`);
    console.log(`测完时负载 ${load()}（别的进程也在用 CPU 时，请求/秒与 p99 都会变差；两者之比受影响较小）。\n`);
  }
  if (run('requests')) {
    console.log(`## 诉求列表与提交（本地网关，autocannon 32 连接，每项先预热 ${WARM_UP_SECONDS} 秒不计，再测 10 秒）\n`);
    console.log('| 诉求总量 | 导入 | 库大小 | 列表 | 条数 | 请求/秒 | p50 | p99 | 错误 |\n|---|---|---|---|---|---|---|---|---|');
    const subs: string[] = [];
    for (const count of counts) {
      const r = await benchRequests(count);
      for (const l of r.lists) console.log(`| ${count.toLocaleString('en')} | ${r.loadSeconds.toFixed(0)} s | ${r.dbMegabytes} MB | ${l.name} | ${l.items} | ${l.requestsPerSecond} | ${l.p50} ms | ${l.p99} ms | ${l.errors + l.non2xx} |`);
      subs.push(`| ${count.toLocaleString('en')} | ${r.submissionsPerSecond} |`);
    }
    console.log('\n带 1 张照片的提交（先上传图片到本地文件存储，再提交；8 个并发）：\n\n| 诉求总量 | 提交/秒 |\n|---|---|');
    console.log(subs.join('\n') + '\n');
  }
  if (run('delivery')) {
    const rows = await benchDelivery(Number(process.env.WGT_BENCH_MESSAGES ?? 50_000));
    console.log('## 订阅消息投递（本地发送器，嵌入式数据库文件）\n');
    console.log('| 场景 | 消息 | 用时 | 消息/秒 | 投递轮次 | 发送调用 | 送达 | 重复 | 丢失 | 失败 |\n|---|---|---|---|---|---|---|---|---|---|');
    for (const r of rows) {
      console.log(`| ${r.name} | ${r.messages.toLocaleString('en')} | ${r.seconds.toFixed(1)} s | ${r.messagesPerSecond} | ${r.runs} | ${r.sendCalls.toLocaleString('en')} | ${r.delivered.toLocaleString('en')} | ${r.duplicates} | ${r.lost} | ${r.failed} |`);
    }
    console.log('');
  }
  if (run('notices')) await notices();
  if (run('import')) printImport(await benchImport());
  if (run('assessment')) {
    printAssessment(await benchAssessment(Number(process.env.WGT_BENCH_ASSESSMENT_COUNT ?? 1_000_000), { log: (l) => console.error(l), extraCases: assessmentViewCases }));
  }
  if (run('similar')) {
    printSimilar(await benchSimilar(Number(process.env.WGT_BENCH_SIMILAR_COUNT ?? 1_000_000), { years: Number(process.env.WGT_BENCH_SIMILAR_YEARS ?? 1), log: (l) => console.error(l) }));
  }
  if (run('checkin')) printCheckIn(await benchCheckIn(Number(process.env.WGT_BENCH_CHECKIN_HOUSEHOLDS ?? 50_000)));
  if (run('export')) printExport(await benchExport(Number(process.env.WGT_BENCH_EXPORT_ROWS ?? 100_000)));
}

async function notices(): Promise<void> {
  const sizes = (process.env.WGT_BENCH_RESIDENTS ?? '50000,500000').split(',').map(Number);
  console.log('## 通知：发布、居民通知列表与到户率（本地网关）\n');
  console.log('| 居民 | 户数 | 已读回执 | 库大小 | 发布 p50 / p99 | 通知列表 请求/秒 | p50 | p99 | 错误 | 到户率（按网格）p50 / p99 | 网格未告知名单 p50 / p99 |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const n of sizes) {
    const r = await benchNotices(n);
    console.log(
      `| ${n.toLocaleString('en')} | ${r.households.toLocaleString('en')} | ${r.receipts.toLocaleString('en')} | ${r.dbMegabytes} MB | ${r.publish.p50} / ${r.publish.p99} ms | ` +
        `${r.feed.requestsPerSecond} | ${r.feed.p50} ms | ${r.feed.p99} ms | ${r.feed.errors} | ${r.coverage.p50} / ${r.coverage.p99} ms（${r.coverage.grids} 个网格） | ` +
        `${r.gridReach.p50} / ${r.gridReach.p99} ms（${r.gridReach.households} 户） |`,
    );
  }
  console.log(`\n测完时负载 ${load()}（别的进程也在用 CPU 时，p99 会变差）。\n`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
