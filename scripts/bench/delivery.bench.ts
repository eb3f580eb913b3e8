/**
 * Subscribe-message delivery at scale: 50,000 queued outbox records dispatched through the local sender
 * (the embedded store on a file, the demo street's people as recipients, each with consent). Three runs:
 * rate limit off; rate limit on; rate limit off with 10% of sends failing transiently (and two dispatchers
 * at once, without the lock, so the claims are contended) — which must end with every message delivered
 * exactly once: no duplicates, no losses.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { outboxId, type OutboxRecord } from '@core/messages/message';
import { openEmbeddedStore, type EmbeddedStore } from '../../server/adapters/embedded/embedded-store';
import type { Deps } from '../../server/use-cases/context';
import type { FileStorage } from '../../server/ports/file-storage.port';
import type { SubscribeSender } from '../../server/ports/subscribe-sender.port';
import { localDeps, localMessageConfig } from '../../server/runtime/local-deps';
import { localSubscribeSender } from '../../server/runtime/local-subscribe-sender';
import { generateDemoStreet } from '../../server/runtime/seed/demo-street';
import { prng } from '../../server/runtime/seed/prng';
import { dispatchOutbox } from '../../server/use-cases/messages/dispatch-outbox';

export interface DeliveryBenchRow {
  name: string;
  messages: number;
  sendsPerSecondLimit: number;
  seconds: number;
  messagesPerSecond: number;
  runs: number;
  sendCalls: number;
  delivered: number;
  duplicates: number;
  lost: number;
  failed: number;
}

const T0 = new Date('2026-11-23T02:00:00.000Z');

const noFiles = {} as FileStorage;

async function queue(store: EmbeddedStore, count: number): Promise<void> {
  const people = store.db.prepare("SELECT id FROM users WHERE residence IS NOT NULL ORDER BY id").all() as { id: string }[];
  // Each person allowed enough sends for their share (set directly: the bench is about dispatch, not consent).
  const perPerson = Math.ceil(count / people.length) + 1;
  const grant = store.db.prepare("INSERT INTO subscriptions (user_id, template, count, held, updated_at) VALUES (?, 'request_status', ?, '[]', ?)");
  store.db.transaction(() => {
    for (const p of people) grant.run(p.id, perPerson, T0.toISOString());
  })();
  const at = T0.toISOString();
  for (let start = 0; start < count; start += 5000) {
    const records: OutboxRecord[] = [];
    for (let i = start; i < Math.min(count, start + 5000); i++) {
      const recipientId = people[i % people.length].id;
      const eventId = `bench${String(i).padStart(6, '0')}`;
      records.push({
        id: outboxId(eventId, recipientId, 'subscribe'),
        eventId,
        recipientId,
        channel: 'subscribe',
        template: 'request_status',
        payload: { title: '诉求已受理', category: '环境卫生', status: '已受理', time: '2026年11月23日 10:00', requestId: `rq${i}` },
        status: 'pending',
        attempts: 0,
        nextTryAt: at,
        lastError: null,
        createdAt: at,
      });
    }
    await store.outbox.enqueueMany(records);
  }
}

async function scenario(name: string, count: number, options: { limit: number; failRate: number; dispatchers: number }): Promise<DeliveryBenchRow> {
  const dir = mkdtempSync(join(tmpdir(), 'wgt-bench-delivery-'));
  const store = openEmbeddedStore(join(dir, 'wanggetong.db'));
  try {
    store.importPlaces(generateDemoStreet());
    await queue(store, count);
    let now = T0;
    const clock = { now: () => now };
    const local = localSubscribeSender(store.localSends, clock);
    const random = prng(20261123);
    const successes = new Map<string, number>();
    let sendCalls = 0;
    const sender: SubscribeSender = {
      async send(m) {
        sendCalls += 1;
        if (options.failRate > 0 && random.next() < options.failRate) return { ok: false, kind: 'transient', code: '-1', message: 'system error (injected)' };
        const result = await local.send(m);
        if (result.ok) successes.set(m.key, (successes.get(m.key) ?? 0) + 1);
        return result;
      },
    };
    const deps: Deps = localDeps({ store, files: noFiles, bindUrlBase: '', clock, log: { info: () => undefined, error: () => undefined }, subscribe: sender, messages: { ...localMessageConfig({}), sendsPerSecond: options.limit } });

    const started = performance.now();
    let runs = 0;
    while ((await store.outbox.count('pending')) > 0) {
      if (++runs > 50) throw new Error(`${name}: the outbox does not drain`);
      const lock = options.dispatchers === 1;
      await Promise.all(Array.from({ length: options.dispatchers }, () => dispatchOutbox(deps, { budgetMs: 10 * 60_000, leaseMs: 20 * 60_000, batch: 200, concurrency: 8, lock })));
      // Retries wait for their backoff: move the clock past it.
      now = new Date(now.getTime() + 60 * 60_000);
    }
    const seconds = (performance.now() - started) / 1000;
    const delivered = await store.localSends.count();
    const duplicates = [...successes.values()].reduce((n, c) => n + (c - 1), 0);
    return {
      name,
      messages: count,
      sendsPerSecondLimit: options.limit,
      seconds,
      messagesPerSecond: Math.round(count / seconds),
      runs,
      sendCalls,
      delivered,
      duplicates,
      lost: count - delivered,
      failed: await store.outbox.count('failed'),
    };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchDelivery(count = 50_000): Promise<DeliveryBenchRow[]> {
  const limit = Number(process.env.WGT_BENCH_SEND_RATE ?? 1000);
  return [
    await scenario('限流关闭', count, { limit: 0, failRate: 0, dispatchers: 1 }),
    await scenario(`限流 ${limit}/秒`, count, { limit, failRate: 0, dispatchers: 1 }),
    await scenario('限流关闭，10% 暂时失败，两个投递同时运行（不加锁）', count, { limit: 0, failRate: 0.1, dispatchers: 2 }),
  ];
}
