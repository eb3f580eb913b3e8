/**
 * Invitation codes: 8 characters from an alphabet without look-alikes (no 0/O, 1/I/L), about 40 bits,
 * typed by hand from a chat message. Only the SHA-256 of a code is stored; it is the invitation's id.
 */
import { createHash, randomInt } from 'node:crypto';
import qrcode from 'qrcode-generator';

export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const CODE_LENGTH = 8;
/** An invitation is good for 7 days. */
export const INVITATION_DAYS = 7;
/** Wrong last-4 tries before the invitation is burnt. */
export const MAX_ATTEMPTS = 5;
/** The H5 / mini-program page that redeems a code (the link and the QR open it with the code filled in). */
export const REDEEM_ROUTE = '/features/people/pages/redeem/index';

export function newInvitationCode(): string {
  let out = '';
  for (let i = 0; i < CODE_LENGTH; i++) out += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return out;
}

/** What people type, made comparable: case, spaces and dashes do not matter. */
export function normalizeCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '');
}

export function codeHash(code: string): string {
  return createHash('sha256').update(normalizeCode(code)).digest('hex');
}

/** The link to the redeem page on the same origin as the grids' bind links. */
export function redeemLink(bindUrlBase: string, code: string): string {
  let origin = '';
  try {
    origin = new URL(bindUrlBase).origin;
  } catch {
    origin = '';
  }
  return `${origin}/#${REDEEM_ROUTE}?code=${encodeURIComponent(code)}`;
}

/** The link as a QR code: a GIF data URL (for the page) and the SVG (for a file). */
export function qrOf(text: string): { dataUrl: string; svg: string } {
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  return { dataUrl: qr.createDataURL(4, 8), svg: qr.createSvgTag({ cellSize: 6, margin: 12, scalable: true }) };
}
