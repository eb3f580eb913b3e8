/**
 * 同问 suggestions: which open requests a resident who is writing one may be about to duplicate.
 * The database narrows first — same category, same grid, open, filed in the last SIMILAR_WINDOW_DAYS — and
 * this ranks that bounded set:
 * 1. place: a request filed for a household of the same building ranks above one elsewhere in the grid
 *    (same category, same building, still open: most likely the same problem);
 * 2. text: the Dice coefficient of the two descriptions' character bigrams, after normalising (NFKC, so
 *    full-width letters and digits read as half-width; lower case; punctuation, symbols and spaces dropped).
 *    Character bigrams need no dictionary and handle Chinese without word segmentation: 「楼道灯坏了」 and
 *    「楼道的灯不亮」 share 楼道 and 道灯-like pairs where a word list would need both phrasings;
 * 3. recency: newer first on a tie.
 * A candidate elsewhere in the grid is shown only when its text is similar enough (MIN_TEXT_SCORE); one in
 * the same building always is.
 */
import { requestExcerpt } from './request';
import type { RequestStatus } from './request.status';

export const SIMILAR_WINDOW_DAYS = 30;
/** How many suggestions the form shows. */
export const SIMILAR_MAX = 5;
/** The newest candidates ranked at most (the database's bounded read). */
export const SIMILAR_CANDIDATES = 200;
/** Below this text score a request of another building is not suggested. */
export const MIN_TEXT_SCORE = 0.2;
/** Characters of description before suggestions are asked for (the form waits for this many). */
export const SIMILAR_MIN_TEXT = 4;
/** Open and not yet resolved: where a 同问 still changes something for the handler. */
export const METOO_STATUSES: RequestStatus[] = ['submitted', 'accepted', 'dispatched', 'in_progress'];
/** What a duplicate may be merged into: any open request, a resolved one included (its result then reaches the duplicate's reporter). */
export const MERGE_TARGET_STATUSES: RequestStatus[] = [...METOO_STATUSES, 'resolved'];

/** NFKC, lower case, letters and digits only (Han characters are letters). */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * The set of adjacent character pairs of the normalised text, each pair as one number (first code point ×
 * 0x110000 + second: exact, and no string per pair — the ranking builds one set per candidate); a single
 * character is its own gram.
 */
export function bigrams(text: string): Set<number> {
  const out = new Set<number>();
  let prev = -1;
  let count = 0;
  for (const ch of normalizeText(text)) {
    const cp = ch.codePointAt(0)!;
    if (prev >= 0) out.add(prev * 0x110000 + cp);
    prev = cp;
    count++;
  }
  if (count === 1) out.add(prev);
  return out;
}

/** Dice coefficient 2|A∩B| / (|A|+|B|), 0 when either is empty. */
export function dice<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): number {
  if (a.size === 0 || b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const g of small) if (large.has(g)) shared++;
  return (2 * shared) / (a.size + b.size);
}

export interface SimilarInput {
  description: string;
  /** The building of the writer's household; null when bound to the grid only. */
  buildingId: string | null;
}

export interface RankableCandidate {
  id: string;
  description: string;
  buildingId: string | null;
  createdAt: string;
}

export interface RankedCandidate<C extends RankableCandidate> {
  candidate: C;
  sameBuilding: boolean;
  textScore: number;
}

/** The candidates worth suggesting, best first, at most `max`. Pure: same input, same order. */
export function rankSimilar<C extends RankableCandidate>(input: SimilarInput, candidates: readonly C[], max = SIMILAR_MAX): RankedCandidate<C>[] {
  const mine = bigrams(input.description);
  const ranked: RankedCandidate<C>[] = [];
  for (const candidate of candidates) {
    const sameBuilding = input.buildingId !== null && candidate.buildingId === input.buildingId;
    const textScore = dice(mine, bigrams(candidate.description));
    if (!sameBuilding && textScore < MIN_TEXT_SCORE) continue;
    ranked.push({ candidate, sameBuilding, textScore });
  }
  ranked.sort((a, b) => {
    if (a.sameBuilding !== b.sameBuilding) return a.sameBuilding ? -1 : 1;
    if (a.textScore !== b.textScore) return b.textScore - a.textScore;
    if (a.candidate.createdAt !== b.candidate.createdAt) return a.candidate.createdAt < b.candidate.createdAt ? 1 : -1;
    return a.candidate.id < b.candidate.id ? -1 : a.candidate.id > b.candidate.id ? 1 : 0;
  });
  return ranked.slice(0, max);
}

/**
 * What a suggestion shows: the category, an excerpt, status, when and where (同楼栋 / 同网格), how many
 * already follow it — never who reported it (no name, masked or not; no address, phone or photo).
 */
export interface SimilarSuggestion {
  id: string;
  categoryName: string;
  excerpt: string;
  status: RequestStatus;
  statusLabel: string;
  createdAt: string;
  place: 'building' | 'grid';
  placeLabel: string;
  followerCount: number;
}

export function suggestionOf(
  r: RankedCandidate<RankableCandidate & { categoryName: string; status: RequestStatus; followerCount: number }>,
  statusLabel: string,
): SimilarSuggestion {
  const c = r.candidate;
  return {
    id: c.id,
    categoryName: c.categoryName,
    excerpt: requestExcerpt(c.description),
    status: c.status,
    statusLabel,
    createdAt: c.createdAt,
    place: r.sameBuilding ? 'building' : 'grid',
    placeLabel: r.sameBuilding ? '同一楼栋' : '同一网格',
    followerCount: c.followerCount,
  };
}
