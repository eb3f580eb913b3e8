import { REGISTER_KINDS, type SheetMapping } from './register.contract';
import { id, list, none, nullable, obj, oneOf, optional, str, type Schema } from '../validation/schema';

/** Uploaded files: a local id (hex) or a CloudBase file id (cloud://…); ownership is checked by the use case. */
const fileId = str('台账文件', { max: 256, pattern: /^[\w:/.-]+$/, patternMessage: '台账文件无效，请重新上传' });

const COLUMNS_MAX = 40;
const HEADER_MAX = 100;

/** A sheet's columns: field name → the file's header (null: none); at most 40 fields, short names only. */
const columns: Schema<Record<string, string | null>> = {
  label: '列对应',
  check(value, path, issues) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      issues.push({ path, message: '列对应格式不正确' });
      return undefined;
    }
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length > COLUMNS_MAX) {
      issues.push({ path, message: `列对应最多${COLUMNS_MAX}项` });
      return undefined;
    }
    const out: Record<string, string | null> = {};
    for (const [k, v] of entries) {
      const okKey = /^[A-Za-z][A-Za-z0-9]{0,39}$/.test(k);
      const okValue = v === null || (typeof v === 'string' && v.length <= HEADER_MAX);
      if (!okKey || !okValue) {
        issues.push({ path: `${path}.${k}`, message: '列对应格式不正确' });
        return undefined;
      }
      out[k] = v as string | null;
    }
    return out;
  },
};

const mapping: Schema<SheetMapping> = (() => {
  const inner = obj('工作表', { sheet: str('工作表', { min: 1, max: 100 }), kind: nullable(oneOf('台账类型', REGISTER_KINDS)), columns });
  return {
    label: '工作表',
    check(value, path, issues) {
      const v = inner.check(value, path, issues);
      return v ? { sheet: v.sheet, kind: v.kind ?? null, columns: v.columns } : undefined;
    },
  };
})();

const mappings = optional(list('工作表', mapping, { max: 20 }));

export const REGISTER_SCHEMAS = {
  template: none,
  inspect: obj('参数', { fileId }),
  dryRun: obj('参数', { fileId, mappings }),
  apply: obj('参数', { fileId, mappings, jobId: optional(id('导入任务')) }),
  job: obj('参数', { jobId: id('导入任务') }),
} as const;
