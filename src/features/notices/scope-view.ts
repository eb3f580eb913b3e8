import type { ScopeOptions } from '@core/api/notice.contract';
import type { NoticeLevel } from '@core/notices/notice';

export const LEVEL_LABELS: Record<NoticeLevel, string> = {
  street: '全街道',
  communities: '按社区',
  grids: '按网格',
  buildings: '按楼栋',
};

/** The levels this person may publish at, widest first: street staff all four, a grid worker grids and buildings. */
export function allowedLevels(o: ScopeOptions): NoticeLevel[] {
  const out: NoticeLevel[] = [];
  if (o.canStreet) out.push('street');
  if (o.communities.length) out.push('communities');
  if (o.grids.length) out.push('grids');
  if (o.buildings.length) out.push('buildings');
  return out;
}

/** 东湖社区第3网格 under the heading 东湖社区 reads 第3网格. */
export function shortName(name: string, prefix: string): string {
  return prefix && name.startsWith(prefix) && name.length > prefix.length ? name.slice(prefix.length) : name;
}

/** Items grouped under their heading, in the order the headings first appear. */
export function groupBy<T>(items: T[], key: (t: T) => string): { key: string; items: T[] }[] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return [...groups].map(([k, list]) => ({ key: k, items: list }));
}

/**
 * Who will receive it, in words, before publishing: 全街道（银杏街道）/ 东湖社区、西苑社区 /
 * 东湖社区第1网格等5个网格 / 东湖社区3号楼、5号楼. Empty when nothing is chosen yet.
 */
export function scopeSummary(o: ScopeOptions, level: NoticeLevel | null, ids: string[]): string {
  if (!level) return '';
  if (level === 'street') return `全街道（${o.streetName}）`;
  const chosen = new Set(ids);
  let names: string[];
  let unit: string;
  switch (level) {
    case 'communities':
      names = o.communities.filter((c) => chosen.has(c.id)).map((c) => c.name);
      unit = '个社区';
      break;
    case 'grids':
      names = o.grids.filter((g) => chosen.has(g.id)).map((g) => (g.name.startsWith(g.communityName) ? g.name : `${g.communityName}${g.name}`));
      unit = '个网格';
      break;
    case 'buildings':
      names = o.buildings.filter((b) => chosen.has(b.id)).map((b) => `${b.communityName}${b.name}`);
      unit = '栋楼';
      break;
  }
  if (names.length === 0) return '';
  return names.length <= 3 ? names.join('、') : `${names.slice(0, 3).join('、')}等${names.length}${unit}`;
}
