/**
 * Which kind a sheet holds and which of its headers fills each field. A guess the admin confirms or
 * corrects on the mapping screen; a correction is remembered and wins next time the same headers come.
 */
import { REGISTER_KINDS, type FieldMapping, type RegisterKind, type SheetMapping } from '../api/register.contract';
import { REGISTER_FIELDS, normalizeHeader } from './fields';

/**
 * Sheet names streets use, most specific first: “网格员”/“人员” are staff before “网格” is grids, and
 * “社区网格” is grids before “社区” is communities.
 */
const SHEET_NAME_KINDS: readonly [RegExp, RegisterKind][] = [
  [/人员|网格员|工作人员|花名册/, 'staff'],
  [/房屋|住户|楼栋|户籍|门牌/, 'households'],
  [/网格/, 'grids'],
  [/社区/, 'communities'],
];

export function kindFromSheetName(sheet: string): RegisterKind | null {
  const name = sheet.normalize('NFKC');
  for (const [pattern, kind] of SHEET_NAME_KINDS) if (pattern.test(name)) return kind;
  return null;
}

/** field → the header that fills it (null: none). Each header fills one field at most; the template label beats a synonym. */
export function mapFields(kind: RegisterKind, headers: readonly string[]): FieldMapping[] {
  const normalized = headers.map(normalizeHeader);
  const used = new Set<number>();
  const fields = REGISTER_FIELDS[kind];
  const found = new Map<string, string>();
  // Two passes: exact template labels first, so 社区代码 goes to the field labelled so, not to one listing it as a synonym.
  for (const pass of ['label', 'synonym'] as const) {
    for (const f of fields) {
      if (found.has(f.field)) continue;
      const candidates = pass === 'label' ? [f.label] : f.synonyms;
      for (const candidate of candidates) {
        const i = normalized.findIndex((h, idx) => !used.has(idx) && h === normalizeHeader(candidate));
        if (i >= 0) {
          used.add(i);
          found.set(f.field, headers[i]);
          break;
        }
      }
    }
  }
  return fields.map((f) => ({ field: f.field, label: f.label, required: f.required, header: found.get(f.field) ?? null }));
}

/** How well the headers fit a kind: every required field found, then as many fields as possible. */
function fit(kind: RegisterKind, headers: readonly string[]): { complete: boolean; score: number } {
  const mapped = mapFields(kind, headers);
  const required = mapped.filter((m) => m.required);
  const requiredFound = required.filter((m) => m.header !== null).length;
  const optionalFound = mapped.filter((m) => !m.required && m.header !== null).length;
  return { complete: requiredFound === required.length, score: requiredFound * 10 + optionalFound };
}

/** The kind of a sheet: its name if it says one, else the kind whose required fields its headers all fill (best fit). */
export function guessKind(sheet: string, headers: readonly string[]): RegisterKind | null {
  const byName = kindFromSheetName(sheet);
  if (byName) return byName;
  let best: { kind: RegisterKind; score: number } | null = null;
  for (const kind of REGISTER_KINDS) {
    const f = fit(kind, headers);
    if (f.complete && (!best || f.score > best.score)) best = { kind, score: f.score };
  }
  return best?.kind ?? null;
}

export interface SheetGuess {
  kind: RegisterKind | null;
  fields: FieldMapping[];
  remembered: boolean;
}

function headersPresent(m: SheetMapping, headers: readonly string[]): boolean {
  const have = new Set(headers);
  return Object.values(m.columns).every((h) => h === null || have.has(h));
}

function fieldsFrom(kind: RegisterKind, columns: Record<string, string | null>): FieldMapping[] {
  return REGISTER_FIELDS[kind].map((f) => ({
    field: f.field,
    label: f.label,
    required: f.required,
    header: columns[f.field] ?? null,
  }));
}

/**
 * The mapping of one sheet. A remembered mapping wins when it is of the guessed kind and every header it
 * names is still in the sheet (a correction made for last month's file fits this month's); one made for a
 * sheet of the same name also wins when nothing could be guessed (the admin chose the kind, or skipped it).
 */
export function mapSheet(sheet: string, headers: readonly string[], remembered: readonly SheetMapping[]): SheetGuess {
  const kind = guessKind(sheet, headers);
  const fits = remembered.filter((m) => headersPresent(m, headers) && (m.kind === kind || (kind === null && m.sheet === sheet)));
  const chosen = fits.find((m) => m.sheet === sheet) ?? fits.find((m) => m.kind !== null);
  if (chosen) {
    return { kind: chosen.kind, fields: chosen.kind ? fieldsFrom(chosen.kind, chosen.columns) : [], remembered: true };
  }
  return { kind, fields: kind ? mapFields(kind, headers) : [], remembered: false };
}

/** A mapping given by the admin (dry run / apply) as field → header pairs the row checks use. */
export function fieldsOfMapping(m: SheetMapping): FieldMapping[] {
  return m.kind ? fieldsFrom(m.kind, m.columns) : [];
}

export function toSheetMapping(sheet: string, guess: SheetGuess): SheetMapping {
  return { sheet, kind: guess.kind, columns: Object.fromEntries(guess.fields.map((f) => [f.field, f.header])) };
}
