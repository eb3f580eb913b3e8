/**
 * TEST CODE ONLY: whether a query the double recorded is served by an index declared in collections.ts —
 * the rule stated there: an index whose leading keys are equality fields of the query, then the sort
 * (or, without a sort, the range field). `_id` is always indexed.
 */
import type { CollectionSpec } from '../collections';
import type { QueryShape, RecordedQuery } from './fake-cloudbase-db';

function servesShape(keys: string[], raw: QueryShape, sort: string[]): boolean {
  // A cursor compares the sort fields themselves (`at < x or (at = x and _id < y)`): the sort keys serve those.
  const shape = { equal: raw.equal.filter((f) => !sort.includes(f)), range: raw.range.filter((f) => !sort.includes(f)) };
  let p = 0;
  while (p < keys.length && shape.equal.includes(keys[p])) p++;
  const rest = keys.slice(p);
  if (sort.length) {
    // The sort follows the equality prefix; a trailing `_id` tie-break is always available.
    const wanted = sort[sort.length - 1] === '_id' && !rest.includes('_id') ? sort.slice(0, -1) : sort;
    return (p > 0 || shape.equal.length === 0) && wanted.every((f, i) => rest[i] === f);
  }
  if (shape.range.length) return (p > 0 || shape.equal.length === 0) && (shape.range.includes(rest[0]) || p > 0);
  return p > 0;
}

/** Why `q` is not served, or null when an index (or `_id`) serves every alternative of its filter. */
export function unservedQuery(q: RecordedQuery, specs: CollectionSpec[]): string | null {
  const indexes = [['_id'], ...(specs.find((s) => s.name === q.collection)?.indexes ?? []).map((i) => i.keys.map((k) => k.field))];
  for (const shape of q.filter) {
    if (!shape.equal.length && !shape.range.length && !q.sort.length) continue;
    if (!indexes.some((keys) => servesShape(keys, shape, q.sort))) {
      return `${q.collection}: equal [${shape.equal.join(', ')}] range [${shape.range.join(', ')}] sort [${q.sort.join(', ')}]`;
    }
  }
  return null;
}
