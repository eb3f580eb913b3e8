/**
 * A small validation kit for the function boundary. Every rule carries a Chinese label so a refusal
 * names the field a person typed into. Pure: the app uses the same schemas to check forms before sending.
 */
import { DomainError, type FieldIssue } from '../shared/errors';
import { hasForbiddenChar, isCalendarDate, isIsoInstant } from './text';

export interface Schema<T> {
  readonly label: string;
  /** Returns the parsed value or records issues and returns undefined. */
  check(value: unknown, path: string, issues: FieldIssue[]): T | undefined;
}

export type Infer<S> = S extends Schema<infer T> ? T : never;


function at(path: string, key: string | number): string {
  return path ? `${path}.${key}` : String(key);
}

export interface StringRules {
  min?: number;
  max: number;
  pattern?: RegExp;
  patternMessage?: string;
  /** Keep line breaks (descriptions); single-line fields reject them. */
  multiline?: boolean;
}

export function str(label: string, rules: StringRules): Schema<string> {
  return {
    label,
    check(value, path, issues) {
      if (value === undefined || value === null) {
        issues.push({ path, message: `请填写${label}` });
        return undefined;
      }
      if (typeof value !== 'string') {
        issues.push({ path, message: `${label}必须是文字` });
        return undefined;
      }
      const v = value.trim();
      const min = rules.min ?? 1;
      // Length counts characters as a person sees them (一个汉字算一个字).
      const length = Array.from(v).length;
      if (length < min) {
        issues.push({ path, message: min <= 1 || length === 0 ? `请填写${label}` : `${label}至少需要${min}个字` });
        return undefined;
      }
      if (length > rules.max) {
        issues.push({ path, message: `${label}不能超过${rules.max}个字` });
        return undefined;
      }
      if (hasForbiddenChar(v) || (!rules.multiline && /[\r\n]/.test(v))) {
        issues.push({ path, message: `${label}包含不支持的字符` });
        return undefined;
      }
      if (rules.pattern && !rules.pattern.test(v)) {
        issues.push({ path, message: rules.patternMessage ?? `${label}格式不正确` });
        return undefined;
      }
      return v;
    },
  };
}

/** A Beijing calendar date 'YYYY-MM-DD' that exists: 2026-02-30 and month 13 are refused here, not deep in a query. */
export function date(label: string): Schema<string> {
  const shape = str(label, { max: 10, pattern: /^\d{4}-\d{2}-\d{2}$/, patternMessage: `${label}格式应为 2026-01-31` });
  return {
    label,
    check(value, path, issues) {
      const v = shape.check(value, path, issues);
      if (v === undefined) return undefined;
      if (!isCalendarDate(v)) {
        issues.push({ path, message: `${label}不是有效的日期` });
        return undefined;
      }
      return v;
    },
  };
}

/** An ISO 8601 instant with its offset whose date and time exist ('2026-03-02T09:30:00+08:00'). */
export function instant(label: string): Schema<string> {
  const shape = str(label, { max: 30 });
  return {
    label,
    check(value, path, issues) {
      const v = shape.check(value, path, issues);
      if (v === undefined) return undefined;
      if (!isIsoInstant(v)) {
        issues.push({ path, message: `${label}不是有效的时间` });
        return undefined;
      }
      return v;
    },
  };
}

/** Ids are opaque ASCII tokens; anything else is refused before it reaches a query. */
export function id(label: string): Schema<string> {
  return str(label, { max: 64, pattern: /^[A-Za-z0-9_-]+$/, patternMessage: `${label}无效` });
}

export function int(label: string, rules: { min: number; max: number }): Schema<number> {
  return {
    label,
    check(value, path, issues) {
      if (value === undefined || value === null) {
        issues.push({ path, message: `请填写${label}` });
        return undefined;
      }
      if (typeof value !== 'number' || !Number.isInteger(value)) {
        issues.push({ path, message: `${label}必须是整数` });
        return undefined;
      }
      if (value < rules.min || value > rules.max) {
        issues.push({ path, message: `${label}应在${rules.min}到${rules.max}之间` });
        return undefined;
      }
      return value;
    },
  };
}

export function bool(label: string): Schema<boolean> {
  return {
    label,
    check(value, path, issues) {
      if (typeof value !== 'boolean') {
        issues.push({ path, message: `${label}无效` });
        return undefined;
      }
      return value;
    },
  };
}

export function oneOf<const T extends readonly string[]>(label: string, values: T): Schema<T[number]> {
  return {
    label,
    check(value, path, issues) {
      if (typeof value !== 'string' || !values.includes(value)) {
        issues.push({ path, message: `请选择有效的${label}` });
        return undefined;
      }
      return value as T[number];
    },
  };
}

/** `undefined` and `null` both mean "not given"; the parsed value is then `undefined`. */
export function optional<T>(inner: Schema<T>): Schema<T | undefined> {
  return {
    label: inner.label,
    check(value, path, issues) {
      if (value === undefined || value === null) return undefined;
      return inner.check(value, path, issues);
    },
  };
}

/** Like optional, but keeps `null` so an update can clear a field. */
export function nullable<T>(inner: Schema<T>): Schema<T | null | undefined> {
  return {
    label: inner.label,
    check(value, path, issues) {
      if (value === undefined) return undefined;
      if (value === null) return null;
      return inner.check(value, path, issues);
    },
  };
}

export function list<T>(label: string, item: Schema<T>, rules: { min?: number; max: number }): Schema<T[]> {
  return {
    label,
    check(value, path, issues) {
      if (!Array.isArray(value)) {
        issues.push({ path, message: `${label}格式不正确` });
        return undefined;
      }
      if (value.length < (rules.min ?? 0)) {
        issues.push({ path, message: `请至少添加${rules.min}项${label}` });
        return undefined;
      }
      if (value.length > rules.max) {
        issues.push({ path, message: `${label}最多${rules.max}项` });
        return undefined;
      }
      const before = issues.length;
      const out = value.map((v, i) => item.check(v, at(path, i), issues));
      return issues.length === before ? (out as T[]) : undefined;
    },
  };
}

type Shape = Record<string, Schema<unknown>>;
type ObjectOf<S extends Shape> = { [K in keyof S]: Infer<S[K]> };

/**
 * Objects keep only the declared keys: anything else in a request body (an openid, a role,
 * a grid id the caller would like to have) is dropped here, never trusted.
 */
export function obj<S extends Shape>(label: string, shape: S): Schema<ObjectOf<S>> {
  return {
    label,
    check(value, path, issues) {
      const source = value === undefined || value === null ? {} : value;
      if (typeof source !== 'object' || Array.isArray(source)) {
        issues.push({ path, message: `${label}格式不正确` });
        return undefined;
      }
      const before = issues.length;
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(shape)) {
        const parsed = shape[key].check((source as Record<string, unknown>)[key], at(path, key), issues);
        if (parsed !== undefined) out[key] = parsed;
      }
      return issues.length === before ? (out as ObjectOf<S>) : undefined;
    },
  };
}

/** A schema for actions that take no input. */
export const none: Schema<Record<string, never>> = obj('参数', {});

export type ParseResult<T> = { ok: true; value: T } | { ok: false; issues: FieldIssue[] };

export function parse<T>(schema: Schema<T>, value: unknown): ParseResult<T> {
  const issues: FieldIssue[] = [];
  const out = schema.check(value, '', issues);
  if (issues.length > 0 || out === undefined) {
    return { ok: false, issues: issues.length ? issues : [{ path: '', message: `${schema.label}无效` }] };
  }
  return { ok: true, value: out };
}

/** Parse or throw `INPUT.INVALID` whose message is the first issue, in Chinese. */
export function parseOrThrow<T>(schema: Schema<T>, value: unknown): T {
  const result = parse(schema, value);
  if (!result.ok) throw new DomainError('INPUT.INVALID', result.issues[0].message, result.issues);
  return result.value;
}
