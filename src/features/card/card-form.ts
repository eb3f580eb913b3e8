import type { UpdateCardInput } from '@core/api/contract';
import { updateCardSchema } from '@core/api/schemas';
import { DEFAULT_DUTY_HOURS, type ContactCard } from '@core/contact-card/contact-card';
import { slotProblem, type DutySlot, type Weekday } from '@core/contact-card/duty-hours';
import type { FieldIssue } from '@core/shared/errors';
import { parse } from '@core/validation/schema';

export const MAX_DUTY_SLOTS = 4;

/** What the form holds while the worker edits; the photo preview is kept beside the file id. */
export interface CardForm {
  displayName: string;
  workPhone: string;
  photoFileId: string | null;
  photoPreview: string | null;
  dutyHours: DutySlot[];
  intro: string;
}

/** Field key → first problem, in Chinese. Keys: displayName, workPhone, photo, intro, dutyHours, dutyHours.<i>. */
export type FormErrors = Record<string, string>;

export function formFromCard(card: ContactCard, photoUrl: string | null): CardForm {
  return {
    displayName: card.displayName,
    workPhone: card.workPhone,
    photoFileId: card.photoFileId,
    photoPreview: card.photoFileId ? photoUrl : null,
    dutyHours: (card.dutyHours.length ? card.dutyHours : DEFAULT_DUTY_HOURS).map((s) => ({ ...s, days: [...s.days] })),
    intro: card.intro,
  };
}

export function toInput(form: CardForm): UpdateCardInput {
  return {
    displayName: form.displayName.trim(),
    workPhone: form.workPhone.trim(),
    photoFileId: form.photoFileId,
    dutyHours: form.dutyHours.map((s) => ({ days: [...s.days].sort((a, b) => a - b), start: s.start, end: s.end })),
    intro: form.intro.trim(),
  };
}

/** `dutyHours.1.end` → `dutyHours.1`: a slot's problems show under the slot as a whole. */
export function fieldKey(path: string): string {
  const parts = path.split('.');
  if (parts[0] === 'dutyHours' && parts.length > 1) return `dutyHours.${parts[1]}`;
  if (parts[0] === 'photoFileId') return 'photo';
  return parts[0] || 'form';
}

export function errorsFromIssues(issues: FieldIssue[]): FormErrors {
  const errors: FormErrors = {};
  for (const issue of issues) {
    const key = fieldKey(issue.path);
    if (!errors[key]) errors[key] = issue.message;
  }
  return errors;
}

/** The same checks the function runs (core's schema and slot rule), so most mistakes never leave the phone. */
export function validateCardForm(form: CardForm): FormErrors {
  const input = toInput(form);
  const result = parse(updateCardSchema, input);
  const errors = result.ok ? {} : errorsFromIssues(result.issues);
  input.dutyHours.forEach((slot, i) => {
    const problem = slotProblem(slot);
    if (problem && !errors[`dutyHours.${i}`]) errors[`dutyHours.${i}`] = problem;
  });
  return errors;
}

export function toggleDay(days: Weekday[], day: Weekday): Weekday[] {
  return days.includes(day) ? days.filter((d) => d !== day) : [...days, day].sort((a, b) => a - b);
}

/** A new slot defaults to the weekend, the usual addition to 周一至周五. */
export function newSlot(existing: DutySlot[]): DutySlot {
  const used = new Set(existing.flatMap((s) => s.days));
  const free = ([6, 7] as Weekday[]).filter((d) => !used.has(d));
  return { days: free.length ? free : [6], start: '09:00', end: '12:00' };
}
