/**
 * What a WeChat subscribe message carries: the template's keywords, each shaped to WeChat's rules for its
 * kind, and the page the message opens. A value that breaks a rule (a `thing` of 21 characters, a `phrase`
 * with a digit in it) makes WeChat refuse the whole send (47003), so every value is shaped here, once,
 * deliberately: cut to the limit with an ellipsis where the kind allows one, characters the kind does not
 * accept dropped, an empty value replaced by a placeholder (an empty keyword is refused too).
 *
 * The keyword keys (thing1, phrase2, …) are those WeChat assigns when the template is picked from the
 * public library with the keywords in the order listed here (docs/DEPLOY.md says which to pick).
 */
import type { MessageTemplate } from './message';

export const KEYWORD_KINDS = ['thing', 'phrase', 'character_string', 'name', 'phone_number', 'number', 'time', 'date'] as const;
export type KeywordKind = (typeof KEYWORD_KINDS)[number];

/** WeChat's length limits, in characters (a CJK character counts as one). */
export const KEYWORD_LIMITS: Record<Exclude<KeywordKind, 'time' | 'date'>, number> = {
  thing: 20,
  phrase: 5,
  character_string: 32,
  /** 10 CJK characters, or 20 letters for a name written in letters only. */
  name: 10,
  phone_number: 17,
  number: 32,
};

export interface KeywordSpec {
  /** The key WeChat assigned: kind + position. */
  key: string;
  kind: KeywordKind;
  /** The outbox payload field the value comes from. */
  from: string;
  /** What the keyword is called in the template (for docs and the local message log). */
  label: string;
}

/**
 * Each template's keywords, in WeChat's order. Request payloads (request-notices.ts and the deadline jobs)
 * carry title, category, status, time and requestId; an urgent notice's payload carries title, publisher,
 * time and page (the notice's page in the app).
 */
export const TEMPLATE_KEYWORDS: Record<MessageTemplate, readonly KeywordSpec[]> = {
  request_status: [
    { key: 'thing1', kind: 'thing', from: 'category', label: '诉求类别' },
    { key: 'phrase2', kind: 'phrase', from: 'status', label: '办理状态' },
    { key: 'time3', kind: 'time', from: 'time', label: '更新时间' },
    { key: 'thing4', kind: 'thing', from: 'title', label: '温馨提示' },
  ],
  request_confirm: [
    { key: 'thing1', kind: 'thing', from: 'category', label: '诉求类别' },
    { key: 'thing2', kind: 'thing', from: 'title', label: '办理结果' },
    { key: 'time3', kind: 'time', from: 'time', label: '办结时间' },
  ],
  request_new: [
    { key: 'thing1', kind: 'thing', from: 'category', label: '诉求类别' },
    { key: 'thing2', kind: 'thing', from: 'title', label: '提醒内容' },
    { key: 'time3', kind: 'time', from: 'time', label: '上报时间' },
  ],
  request_overdue: [
    { key: 'thing1', kind: 'thing', from: 'category', label: '诉求类别' },
    { key: 'phrase2', kind: 'phrase', from: 'status', label: '期限状态' },
    { key: 'time3', kind: 'time', from: 'time', label: '办理期限' },
    { key: 'thing4', kind: 'thing', from: 'title', label: '提醒内容' },
  ],
  notice_urgent: [
    { key: 'thing1', kind: 'thing', from: 'title', label: '通知标题' },
    { key: 'thing2', kind: 'thing', from: 'publisher', label: '发布单位' },
    { key: 'time3', kind: 'time', from: 'time', label: '发布时间' },
  ],
};

const PLACEHOLDER: Record<KeywordKind, string> = {
  thing: '无',
  phrase: '有更新',
  character_string: '-',
  name: '未留名',
  phone_number: '-',
  number: '0',
  time: '',
  date: '',
};

const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
const OFFSET_MS = 8 * 60 * 60 * 1000;
const FORMATTED_TIME = /^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/;
const FORMATTED_DATE = /^\d{4}年\d{1,2}月\d{1,2}日$/;

/**
 * One line of plain text: control characters and line breaks become spaces, runs of spaces one, and
 * characters outside the Basic Multilingual Plane (emoji) are dropped — WeChat's checks on them vary.
 */
function plain(value: string): string[] {
  const spaced = Array.from(value, (ch) => {
    const code = ch.codePointAt(0) ?? 0;
    return code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029 ? ' ' : ch;
  }).join('');
  return Array.from(spaced.replace(/\s+/g, ' ').trim()).filter((ch) => ch.length === 1);
}

/** At most `max` characters; a cut text ends in '…' within the limit. */
function cut(chars: string[], max: number, ellipsis: boolean): string {
  if (chars.length <= max) return chars.join('');
  return ellipsis ? `${chars.slice(0, max - 1).join('').trimEnd()}…` : chars.slice(0, max).join('').trimEnd();
}

/** 'YYYY年M月D日 HH:mm' (or the date alone) in Beijing time, from an ISO instant. */
export function wechatTime(at: Date, withTime = true): string {
  const d = new Date(at.getTime() + OFFSET_MS);
  const p = (n: number) => String(n).padStart(2, '0');
  const date = `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
  return withTime ? `${date} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}` : date;
}

/**
 * A value shaped for its keyword kind. `time` and `date` take an ISO instant or a value already in
 * WeChat's format; anything else becomes `fallbackAt` (a wrong time format fails the send).
 */
export function shapeKeyword(kind: KeywordKind, raw: string | undefined, fallbackAt: Date): string {
  const chars = plain(raw ?? '');
  let out: string;
  switch (kind) {
    case 'thing':
      out = cut(chars, KEYWORD_LIMITS.thing, true);
      break;
    case 'phrase':
      // 5 Chinese characters at most, nothing else: digits, letters and punctuation are refused.
      out = cut(chars.filter((c) => CJK.test(c)), KEYWORD_LIMITS.phrase, false);
      break;
    case 'name': {
      const cjk = chars.some((c) => CJK.test(c));
      out = cut(chars.filter((c) => c !== ' ' || !cjk), cjk ? KEYWORD_LIMITS.name : 20, false);
      break;
    }
    case 'character_string':
      out = cut(chars.filter((c) => /[\x21-\x7e]/.test(c)), KEYWORD_LIMITS.character_string, false);
      break;
    case 'phone_number':
      out = cut(chars.filter((c) => /[0-9+\-()]/.test(c)), KEYWORD_LIMITS.phone_number, false);
      break;
    case 'number':
      out = cut(chars.filter((c) => /[0-9.]/.test(c)), KEYWORD_LIMITS.number, false);
      break;
    case 'time':
    case 'date': {
      const text = chars.join('');
      if (kind === 'time' && FORMATTED_TIME.test(text)) return text;
      if (kind === 'date' && FORMATTED_DATE.test(text)) return text;
      const t = /^\d{4}-\d{2}-\d{2}T/.test(text) ? Date.parse(text) : Number.NaN;
      return wechatTime(Number.isNaN(t) ? fallbackAt : new Date(t), kind === 'time');
    }
  }
  return out === '' ? PLACEHOLDER[kind] : out;
}

export type TemplateData = Record<string, { value: string }>;

/** The `data` of a send: every keyword of the template, shaped. */
export function shapeTemplateData(template: MessageTemplate, payload: Record<string, string>, fallbackAt: Date): TemplateData {
  const data: TemplateData = {};
  for (const k of TEMPLATE_KEYWORDS[template]) data[k.key] = { value: shapeKeyword(k.kind, payload[k.from], fallbackAt) };
  return data;
}

/**
 * What WeChat would refuse (47003) in a send's data: a missing or extra keyword, or a value that breaks its
 * kind's rules. Empty when the data is fine. The local sender checks with it, so a shaping mistake shows
 * up locally the way it would on WeChat.
 */
export function templateDataProblems(template: MessageTemplate, data: TemplateData): string[] {
  const problems: string[] = [];
  const keywords = TEMPLATE_KEYWORDS[template];
  for (const key of Object.keys(data)) if (!keywords.some((k) => k.key === key)) problems.push(`${key}: not a keyword of ${template}`);
  for (const k of keywords) {
    const value = data[k.key]?.value;
    if (typeof value !== 'string' || value === '') {
      problems.push(`${k.key}: empty`);
      continue;
    }
    const n = Array.from(value).length;
    if (k.kind === 'time' && !FORMATTED_TIME.test(value)) problems.push(`${k.key}: not a time like 2019年10月1日 15:01`);
    else if (k.kind === 'date' && !FORMATTED_DATE.test(value)) problems.push(`${k.key}: not a date like 2019年10月1日`);
    else if (k.kind === 'phrase' && (n > KEYWORD_LIMITS.phrase || !Array.from(value).every((c) => CJK.test(c)))) problems.push(`${k.key}: a phrase is up to 5 Chinese characters`);
    else if (k.kind !== 'time' && k.kind !== 'date' && n > (k.kind === 'name' && !CJK.test(value) ? 20 : KEYWORD_LIMITS[k.kind])) problems.push(`${k.key}: longer than ${k.kind} allows`);
    else if (/[\n\r\t]/.test(value)) problems.push(`${k.key}: line breaks`);
  }
  return problems;
}

const HOME_PAGE = 'pages/home/index';
/** A page of this app with an optional simple query: what a payload may name as the page to open. */
const APP_PAGE = /^(pages|features)\/[A-Za-z0-9_/-]+(\?[A-Za-z0-9_.~%=&-]*)?$/;

/**
 * The page a message opens (WeChat's `page`: no leading slash). Request messages open the request; an
 * urgent notice opens the page its payload names; anything unusable opens the home page rather than
 * failing the send (41030 = page not published).
 */
export function templatePage(template: MessageTemplate, payload: Record<string, string>): string {
  if (template === 'notice_urgent') {
    const page = (payload.page ?? '').replace(/^\//, '');
    return APP_PAGE.test(page) ? page : HOME_PAGE;
  }
  const id = payload.requestId ?? '';
  return /^[A-Za-z0-9_-]{1,64}$/.test(id) ? `features/requests/pages/detail/index?id=${id}` : HOME_PAGE;
}
