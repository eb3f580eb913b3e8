/** 13800001234 → 138 0000 1234; landlines keep their dash: 0571-87654321. Easier to read aloud and dial. */
export function formatPhone(phone: string): string {
  const p = phone.trim();
  if (/^1\d{10}$/.test(p)) return `${p.slice(0, 3)} ${p.slice(3, 7)} ${p.slice(7)}`;
  return p;
}

/** The character shown in place of a photo: the surname (first character) of the name. */
export function surnameOf(name: string): string {
  const first = Array.from(name.trim())[0];
  return first ?? '?';
}

/** 东湖社区 + 第3网格 → 东湖社区 · 第3网格; a grid name that already starts with its community is shown as is. */
export function gridLabel(communityName: string, gridName: string): string {
  return gridName.startsWith(communityName) ? gridName : `${communityName} · ${gridName}`;
}

const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;
const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * 1月5日 14:30 (with the year when it is not the current one), always in Beijing time: deadlines are
 * counted on Beijing working days, so a phone set to another time zone must not shift them.
 */
export function beijingDateTime(at: number, now: number): string {
  const d = new Date(at + BEIJING_OFFSET_MS);
  const year = new Date(now + BEIJING_OFFSET_MS).getUTCFullYear();
  const text = `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
  return d.getUTCFullYear() === year ? text : `${d.getUTCFullYear()}年${text}`;
}
