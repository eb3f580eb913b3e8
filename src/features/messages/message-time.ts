const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;

const pad = (n: number) => String(n).padStart(2, '0');

/** 刚刚 / 5分钟前 / 3小时前 within a day; then 3月5日 14:30 (with the year when it is not this year). Device time zone. */
export function messageTime(iso: string, now: number): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return '';
  const ago = now - at;
  if (ago >= 0 && ago < MINUTE) return '刚刚';
  if (ago >= 0 && ago < HOUR) return `${Math.floor(ago / MINUTE)}分钟前`;
  if (ago >= 0 && ago < 24 * HOUR) return `${Math.floor(ago / HOUR)}小时前`;
  const d = new Date(at);
  const day = `${d.getMonth() + 1}月${d.getDate()}日 ${pad(d.getHours())}:${pad(d.getMinutes())}`;
  return d.getFullYear() === new Date(now).getFullYear() ? day : `${d.getFullYear()}年${day}`;
}
