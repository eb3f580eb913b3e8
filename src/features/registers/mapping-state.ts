/**
 * The mapping screen's state: per sheet the kind (or skipped) and field → header, starting from what
 * the server recognised. Pure, so the page only renders it.
 */
import { REGISTER_FIELDS } from '@core/registers/fields';
import type { RegisterInspection, RegisterKind, SheetMapping } from '@core/api/register.contract';

export interface FieldChoice {
  field: string;
  label: string;
  required: boolean;
  header: string | null;
}

export interface SheetChoice {
  sheet: string;
  headers: string[];
  rows: number;
  /** null: 跳过 (the sheet is left out). */
  kind: RegisterKind | null;
  recognised: RegisterKind | null;
  remembered: boolean;
  fields: FieldChoice[];
}

/** A kind's fields, each filled by the file header that the server matched or whose text is the field's label. */
function fieldsFor(kind: RegisterKind, headers: string[], known: FieldChoice[] = []): FieldChoice[] {
  return REGISTER_FIELDS[kind].map((f) => {
    const prior = known.find((k) => k.field === f.field);
    const byName = headers.find((h) => f.synonyms.includes(h.replace(/（必填）|\(必填\)|\s+|\*/g, ''))) ?? null;
    return { field: f.field, label: f.label, required: f.required, header: prior ? prior.header : byName };
  });
}

export function initialChoices(inspection: RegisterInspection): SheetChoice[] {
  return inspection.sheets.map((s) => ({
    sheet: s.sheet,
    headers: s.headers,
    rows: s.rows,
    kind: s.kind,
    recognised: s.kind,
    remembered: s.remembered,
    fields: s.kind ? s.fields.map((f) => ({ field: f.field, label: f.label, required: f.required, header: f.header })) : [],
  }));
}

/** Choosing another kind (or 跳过) resets the fields to that kind's, matched by header text. */
export function chooseKind(choices: SheetChoice[], sheet: string, kind: RegisterKind | null): SheetChoice[] {
  return choices.map((c) => {
    if (c.sheet !== sheet) return c;
    if (kind === null) return { ...c, kind: null, fields: [] };
    if (kind === c.kind) return c;
    return { ...c, kind, remembered: false, fields: fieldsFor(kind, c.headers) };
  });
}

export function chooseHeader(choices: SheetChoice[], sheet: string, field: string, header: string | null): SheetChoice[] {
  return choices.map((c) =>
    c.sheet !== sheet ? c : { ...c, remembered: false, fields: c.fields.map((f) => (f.field === field ? { ...f, header } : f)) },
  );
}

/**
 * A new upload of the corrected file keeps what the admin chose: a sheet of the same name and headers
 * keeps its kind and columns; anything else takes what the server recognised.
 */
export function carryOver(previous: SheetChoice[], next: SheetChoice[]): SheetChoice[] {
  return next.map((n) => {
    const p = previous.find((x) => x.sheet === n.sheet && x.headers.join('\u0000') === n.headers.join('\u0000'));
    return p ? { ...n, kind: p.kind, fields: p.fields, remembered: n.remembered && p.remembered } : n;
  });
}

/** Required fields of chosen kinds that have no header yet: the check waits until they are chosen. */
export function missingRequired(choices: SheetChoice[]): { sheet: string; label: string }[] {
  return choices.flatMap((c) => (c.kind ? c.fields.filter((f) => f.required && !f.header).map((f) => ({ sheet: c.sheet, label: f.label })) : []));
}

export function toSheetMappings(choices: SheetChoice[]): SheetMapping[] {
  return choices.map((c) => ({
    sheet: c.sheet,
    kind: c.kind,
    columns: Object.fromEntries(c.fields.map((f) => [f.field, f.header])),
  }));
}
