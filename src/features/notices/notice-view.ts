import type { CoverageRow, NoticeRevisionView } from '@core/api/notice.contract';
import type { NoticeState } from '@core/notices/notice';
import { beijingDateTime } from '../../lib/format';

export type Tone = 'success' | 'primary' | 'warning' | 'danger' | 'muted';

/** Green from 90%, blue from 60%, amber below: where a grid worker's doorsteps are needed most. */
export function coverageTone(rate: number): Tone {
  if (rate >= 0.9) return 'success';
  if (rate >= 0.6) return 'primary';
  return 'warning';
}

/**
 * 已到户 12/300户 · 已读 15人 · 已知晓 3人 · 上门 2户 · 电话 1户, as parts (each kept on one line): 已知晓 when
 * the notice asks for it, visits and calls only when there are any.
 */
export function coverageFacts(row: CoverageRow, requireAck: boolean): string[] {
  const parts = [`已到户 ${row.reached}/${row.households}户`, `已读 ${row.reads}人`];
  if (requireAck) parts.push(`已知晓 ${row.acks}人`);
  if (row.byVisit > 0) parts.push(`上门 ${row.byVisit}户`);
  if (row.byPhone > 0) parts.push(`电话 ${row.byPhone}户`);
  return parts;
}

/** 已到户 12/30户 · 上门 2户 · 电话 1户: households only (a building, where reads are not counted apart). */
export function reachFacts(row: CoverageRow): string[] {
  const parts = [`已到户 ${row.reached}/${row.households}户`];
  if (row.byVisit > 0) parts.push(`上门 ${row.byVisit}户`);
  if (row.byPhone > 0) parts.push(`电话 ${row.byPhone}户`);
  return parts;
}

export function stateTone(state: NoticeState): Tone {
  switch (state) {
    case 'scheduled':
      return 'primary';
    case 'published':
      return 'success';
    case 'expired':
      return 'muted';
    case 'withdrawn':
      return 'danger';
  }
}

/** 3月5日 09:30 in Beijing time ('' for a missing or malformed time). */
export function timeText(iso: string | null | undefined, now: number): string {
  if (!iso) return '';
  const at = Date.parse(iso);
  return Number.isNaN(at) ? '' : beijingDateTime(at, now);
}

/** One line of the revision history, as readers see it: 已于3月5日 09:30 修改：更正停水时间. */
export function revisionText(r: Pick<NoticeRevisionView, 'editedAt' | 'note'>, now: number): string {
  const note = r.note.trim();
  return `已于${timeText(r.editedAt, now)} 修改${note ? `：${note}` : ''}`;
}
