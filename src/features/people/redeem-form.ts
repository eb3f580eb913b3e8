/**
 * 我有邀请码: what a person types, checked before it is sent, and what each refusal means for them.
 * The server decides; this only says it in words and points at the field to fix.
 */
import type { MeView } from '@core/api/contract';
import { ERROR_MESSAGES } from '@core/shared/errors';
import { isCallError } from '../../lib/cloud/call-error';

export type RedeemField = 'code' | 'last4';

export interface RedeemProblem {
  /** The field to fix; null when the invitation itself is closed and typing again will not help. */
  field: RedeemField | null;
  message: string;
  /** The invitation can no longer be used: only the admin can issue a new one. */
  closed: boolean;
}

/** Same rule as the server: case, spaces and dashes do not matter. */
export function normalizeCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '');
}

/** The code from the invitation link's query (`?code=…`), if it looks like one. */
export function codeFromQuery(params: Record<string, string | undefined>): string {
  const raw = params.code;
  if (!raw) return '';
  let code = raw;
  try {
    code = decodeURIComponent(raw);
  } catch {
    return '';
  }
  const n = normalizeCode(code);
  return /^[A-Z0-9]{4,16}$/.test(n) ? n : '';
}

/** Problems found before sending: an empty or malformed field. */
export function checkRedeemInput(code: string, last4: string): RedeemProblem | null {
  const c = normalizeCode(code);
  if (!c) return { field: 'code', message: '请输入邀请码', closed: false };
  if (!/^[A-Z0-9]{8}$/.test(c)) return { field: 'code', message: '邀请码是 8 位字母和数字，请核对后重新输入', closed: false };
  if (!/^\d{4}$/.test(last4)) return { field: 'last4', message: '请输入 4 位数字：您登记的手机号的最后四位', closed: false };
  return null;
}

/** A refusal of account.redeemInvitation, as the person should read it. */
export function redeemProblemOf(e: unknown): RedeemProblem {
  if (!isCallError(e)) return { field: null, message: ERROR_MESSAGES.INTERNAL, closed: false };
  switch (e.code) {
    case 'INVITATION.NOT_FOUND':
      return { field: 'code', message: ERROR_MESSAGES['INVITATION.NOT_FOUND'], closed: false };
    case 'INVITATION.MOBILE_MISMATCH':
      // The server's message says how many tries are left.
      return { field: 'last4', message: e.message || ERROR_MESSAGES['INVITATION.MOBILE_MISMATCH'], closed: false };
    case 'INPUT.INVALID':
      return { field: e.issues.some((i) => i.path.startsWith('mobileLast4')) ? 'last4' : 'code', message: e.message, closed: false };
    case 'INVITATION.EXPIRED':
    case 'INVITATION.USED':
    case 'INVITATION.BURNT':
    case 'INVITATION.REVOKED':
      return { field: null, message: ERROR_MESSAGES[e.code], closed: true };
    default:
      return { field: null, message: e.message, closed: false };
  }
}

/** What the person now is, in one line per post: 「网格员 · 银杏社区」. Residents are left out. */
export function grantedLines(me: MeView): string[] {
  return me.roles.filter((r) => r.role !== 'resident').map((r) => (r.where ? `${r.label} · ${r.where}` : r.label));
}
