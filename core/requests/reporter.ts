/**
 * How the person a request is for (the resident) appears to whoever looks at it — the one rule every
 * view uses: the detail, the timeline, lists and exports.
 * - The resident themself and the workers of its grid see the full name (they call and visit them).
 * - With 隐藏姓名 everyone else sees 居民（已选择隐藏姓名）: no name, no surname, no initial.
 * - Otherwise the community's staff see the full name, everyone else the masked one (张*).
 */
import { maskName } from '../people/phone';
import type { Party } from './request.transitions';

export const HIDDEN_NAME_LABEL = '居民（已选择隐藏姓名）';

export function reporterNameFor(
  viewer: ReadonlySet<Party>,
  r: { residentName: string | null; hideName: boolean },
): string | null {
  if (!r.residentName) return null;
  if (viewer.has('resident') || viewer.has('grid_worker')) return r.residentName;
  if (r.hideName) return HIDDEN_NAME_LABEL;
  return viewer.has('community') ? r.residentName : maskName(r.residentName);
}

/**
 * 「居民 张*」 on a timeline entry the resident wrote, or the hidden label: a timeline masks every actor,
 * and a resident who hid their name is not named there either.
 */
export function residentActorLabel(viewer: ReadonlySet<Party>, r: { residentName: string | null; hideName: boolean }, actorName: string): string {
  if (r.hideName && !viewer.has('resident') && !viewer.has('grid_worker')) return HIDDEN_NAME_LABEL;
  return `居民 ${maskName(actorName)}`;
}
