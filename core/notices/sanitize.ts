/**
 * Whatever a publisher pastes — plain text, or HTML copied from a document or a web page — becomes plain
 * paragraphs and lists. No tag, attribute, script, style or link survives: the result is text only, and the
 * app renders it as text (never as HTML), so nothing in a notice can run.
 *
 * Plain text rules: blank lines separate paragraphs; lines starting with "-", "·", "•" or "*" form a bulleted
 * list; lines starting with "1." / "1、" / "（1）" form a numbered list (the numbers are the app's to draw).
 */
import { stripForbiddenChars } from '../validation/text';
import type { NoticeBlock } from './notice';

const DROP_WITH_CONTENT = /<(script|style|iframe|object|embed|template|noscript|svg|math|head|title)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const UNCLOSED_DANGEROUS = /<(script|style|iframe|object|embed|template|noscript|svg|math)\b[\s\S]*$/gi;
const COMMENT = /<!--[\s\S]*?(-->|$)/g;
/** A tag, or the start of one cut short by another "<" or the end of the text. */
const TAG = /<\/?[a-zA-Z!?][^<>]*(>|(?=<)|$)/g;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,6});/gi, (m, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code < 0x110000 ? String.fromCodePoint(code) : '';
    }
    return ENTITIES[name.toLowerCase()] ?? m;
  });
}

/** Removes tags until none is left (removing one can join the pieces of another: "<scr<b>ipt>"). */
function stripTags(s: string): string {
  let prev: string;
  do {
    prev = s;
    s = s.replace(TAG, '');
  } while (s !== prev);
  return s;
}

/** HTML → text with line structure kept: block ends become blank lines, list items bullet lines. */
function htmlToText(html: string): string {
  let s = html.replace(COMMENT, '').replace(DROP_WITH_CONTENT, '').replace(UNCLOSED_DANGEROUS, '');
  s = s
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<li\b[^>]*>/gi, '\n- ')
    .replace(/<\/(p|div|h[1-6]|ul|ol|section|article|blockquote|table|tr)\s*>/gi, '\n\n')
    .replace(/<(p|div|h[1-6]|ul|ol|section|article|blockquote|table|tr)\b[^>]*>/gi, '\n\n');
  s = stripTags(s);
  // Entities decoded once, then anything that decoded into a tag is removed as well.
  return stripTags(decodeEntities(s).replace(DROP_WITH_CONTENT, '').replace(UNCLOSED_DANGEROUS, ''));
}

const BULLET = /^\s*[-·•*]\s+/;
const NUMBERED = /^\s*(\d{1,3}[.、)）]|[（(]\d{1,3}[)）])\s*/;

function cleanLine(line: string): string {
  // What no field accepts (core/validation/text) out, and a stray carriage return; runs of spaces kept short.
  return stripForbiddenChars(line)
    .replace(/\r/g, '')
    .replace(/[ \t\u3000]+/g, (m) => (m.includes('\u3000') ? m : ' '))
    .trim();
}

export function looksLikeHtml(input: string): boolean {
  return /<\/?[a-zA-Z][^<>]*>|<!--|&[a-z]+;|&#\d+;/i.test(input);
}

/** The body a publisher typed or pasted, as blocks; empty when nothing readable is left. */
export function toBlocks(input: string): NoticeBlock[] {
  // Plain text goes through the same stripping: a stray "<img" is treated as the start of a tag, "a < b" is text.
  const text = htmlToText(input.replace(/\r\n?/g, '\n'));
  const blocks: NoticeBlock[] = [];
  let paragraph: string[] = [];
  let list: { kind: 'ul' | 'ol'; items: string[] } | null = null;

  const flushParagraph = () => {
    if (paragraph.length) blocks.push({ kind: 'p', text: paragraph.join('\n') });
    paragraph = [];
  };
  const flushList = () => {
    if (list && list.items.length) blocks.push(list);
    list = null;
  };

  for (const raw of text.split('\n')) {
    const bullet = BULLET.test(raw);
    const numbered = !bullet && NUMBERED.test(raw);
    const line = cleanLine(raw.replace(bullet ? BULLET : NUMBERED, ''));
    if (!line) {
      flushParagraph();
      flushList();
      continue;
    }
    if (bullet || numbered) {
      const kind = bullet ? 'ul' : 'ol';
      flushParagraph();
      if (!list || list.kind !== kind) {
        flushList();
        list = { kind, items: [] };
      }
      list.items.push(line);
    } else {
      flushList();
      paragraph.push(line);
    }
  }
  flushParagraph();
  flushList();
  return blocks;
}

/** The blocks back as editable plain text (what the edit form starts from). */
export function toPlainText(blocks: NoticeBlock[]): string {
  return blocks
    .map((b) => (b.kind === 'p' ? b.text : b.items.map((item, i) => (b.kind === 'ul' ? `- ${item}` : `${i + 1}. ${item}`)).join('\n')))
    .join('\n\n');
}

/** Characters a reader sees, for the length limit. */
export function blocksLength(blocks: NoticeBlock[]): number {
  return blocks.reduce((n, b) => n + (b.kind === 'p' ? Array.from(b.text).length : b.items.reduce((m, i) => m + Array.from(i).length, 0)), 0);
}
