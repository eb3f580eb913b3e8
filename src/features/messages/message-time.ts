import { beijingDateTime } from '../../lib/format';
const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;


/** 刚刚 / 5分钟前 / 3小时前 within a day; then 3月5日 14:30 (with the year when it is not this year). Beijing time. */
export function messageTime(iso: string, now: number): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return '';
  const ago = now - at;
  if (ago >= 0 && ago < MINUTE) return '刚刚';
  if (ago >= 0 && ago < HOUR) return `${Math.floor(ago / MINUTE)}分钟前`;
  if (ago >= 0 && ago < 24 * HOUR) return `${Math.floor(ago / HOUR)}小时前`;
  return beijingDateTime(at, now);
}
