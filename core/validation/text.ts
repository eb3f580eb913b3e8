/**
 * Which characters text may hold, decided once for the whole product. Refused in what a person types
 * (`str` in schema.ts), removed from what is pasted or imported (the notice sanitizer, register cells):
 * - C0 controls except tab, line feed and carriage return (U+0000–U+0008, U+000B, U+000C, U+000E–U+001F), DEL (U+007F);
 * - C1 controls (U+0080–U+009F), which no keyboard types and some terminals and viewers act on;
 * - bidirectional formatting (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069): an override or isolate can make a
 *   name or an excerpt display reversed (a Trojan-Source style spoof of who or what a request is about);
 * - zero-width characters that hide text inside words (U+200B, U+2060, U+FEFF).
 * Line breaks are a field's choice (multiline); ZWJ/ZWNJ (U+200C, U+200D) stay: emoji sequences and
 * some scripts need them.
 */

/** Ranges of code points text may not hold, [first, last] inclusive; the tests walk every one. */
export const FORBIDDEN_TEXT_RANGES: readonly (readonly [number, number])[] = [
  [0x0000, 0x0008],
  [0x000b, 0x000c],
  [0x000e, 0x001f],
  [0x007f, 0x009f],
  [0x061c, 0x061c],
  [0x200b, 0x200b],
  [0x200e, 0x200f],
  [0x202a, 0x202e],
  [0x2060, 0x2060],
  [0x2066, 0x2069],
  [0xfeff, 0xfeff],
];

const hex = (n: number): string => `\\u${n.toString(16).padStart(4, '0')}`;
const CLASS = FORBIDDEN_TEXT_RANGES.map(([a, b]) => (a === b ? hex(a) : `${hex(a)}-${hex(b)}`)).join('');

const FORBIDDEN = new RegExp(`[${CLASS}]`);
const FORBIDDEN_ALL = new RegExp(`[${CLASS}]`, 'g');

/** True when `text` holds a character no field accepts. */
export function hasForbiddenChar(text: string): boolean {
  return FORBIDDEN.test(text);
}

/** `text` without the characters no field accepts (for text that is cleaned rather than refused). */
export function stripForbiddenChars(text: string): string {
  return text.replace(FORBIDDEN_ALL, '');
}

// ---- dates ----------------------------------------------------------------------------------------

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(Z|[+-](\d{2}):(\d{2}))$/;

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function realDay(y: number, m: number, d: number): boolean {
  return y >= 1900 && y <= 2999 && m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m);
}

/** 'YYYY-MM-DD' naming a day that exists (no 2026-13-01, no 2026-02-30, 2028-02-29 yes). */
export function isCalendarDate(text: string): boolean {
  const m = DATE.exec(text);
  return m !== null && realDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** An ISO 8601 instant with an offset ('2026-03-02T09:30:00+08:00', '…Z') whose date and time exist. */
export function isIsoInstant(text: string): boolean {
  const m = INSTANT.exec(text);
  if (!m) return false;
  const [hh, mm, ss] = [Number(m[4]), Number(m[5]), m[6] === undefined ? 0 : Number(m[6])];
  if (hh > 23 || mm > 59 || ss > 59) return false;
  if (m[8] !== undefined && (Number(m[8]) > 14 || Number(m[9]) > 59)) return false;
  return realDay(Number(m[1]), Number(m[2]), Number(m[3]));
}
