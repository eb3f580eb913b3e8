/**
 * The offline queue of 走访 records: a visit is saved on the phone first (local storage, per worker), then sent.
 * Each carries the client key made when it was saved, so a send that landed but whose answer was lost is resent
 * safely: the server answers the first visit and writes nothing new. A visit leaves the queue once the server has
 * it, or when the server refuses it (the refusal is kept to show); a network failure leaves it for the next try.
 */
import Taro from '@tarojs/taro';
import type { RecordVisitInput } from '@core/api/visit.contract';
import { isCallError } from '../../lib/cloud/call-error';
import { STORAGE_KEYS } from '../../lib/storage-keys';

export interface QueuedVisit {
  input: RecordVisitInput;
  /** 3栋2单元201室, to show while it waits. */
  label: string;
  savedAt: string;
  /** Why the server refused it, if it did: it stays until the worker removes it. */
  refused?: string;
}

const keyOf = (userId: string) => `${STORAGE_KEYS.visitQueue}.${userId}`;

export function newClientKey(): string {
  const random = Math.random().toString(36).slice(2, 10);
  return `v${Date.now().toString(36)}${random}`;
}

export function readQueue(userId: string): QueuedVisit[] {
  const value: unknown = Taro.getStorageSync(keyOf(userId));
  return Array.isArray(value) ? (value as QueuedVisit[]).filter((q) => q && typeof q === 'object' && q.input && typeof q.input.clientKey === 'string') : [];
}

function writeQueue(userId: string, queue: QueuedVisit[]): void {
  if (queue.length) Taro.setStorageSync(keyOf(userId), queue);
  else Taro.removeStorageSync(keyOf(userId));
}

export function enqueue(userId: string, item: QueuedVisit): void {
  writeQueue(userId, [...readQueue(userId).filter((q) => q.input.clientKey !== item.input.clientKey), item]);
}

export function dropQueued(userId: string, clientKey: string): void {
  writeQueue(userId, readQueue(userId).filter((q) => q.input.clientKey !== clientKey));
}

export interface FlushResult {
  sent: number;
  refused: number;
  /** Still waiting for a connection. */
  waiting: number;
}

/** Sends every waiting visit in order; stops at the first network failure (the rest would fail too). */
export async function flushQueue(userId: string, send: (input: RecordVisitInput) => Promise<unknown>): Promise<FlushResult> {
  let sent = 0;
  let refused = 0;
  for (const item of readQueue(userId)) {
    if (item.refused) {
      refused += 1;
      continue;
    }
    try {
      await send(item.input);
      dropQueued(userId, item.input.clientKey);
      sent += 1;
    } catch (e) {
      if (isCallError(e) && e.code !== 'NETWORK' && e.code !== 'INTERNAL') {
        writeQueue(userId, readQueue(userId).map((q) => (q.input.clientKey === item.input.clientKey ? { ...q, refused: e.message } : q)));
        refused += 1;
        continue;
      }
      break;
    }
  }
  return { sent, refused, waiting: readQueue(userId).filter((q) => !q.refused).length };
}
