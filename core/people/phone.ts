/** Mainland mobile numbers and landlines (区号-号码, optional extension). */
export const MOBILE_PATTERN = /^1[3-9]\d{9}$/;
export const PHONE_PATTERN = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$/;

/** 13800001234 → 138****1234. Residents' numbers are shown masked unless the role needs them. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 7) return '*'.repeat(digits.length);
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}

/** 王建国 → 王**; two-character names keep the surname: 李明 → 李*. */
export function maskName(name: string): string {
  const chars = Array.from(name);
  if (chars.length <= 1) return name;
  return chars[0] + '*'.repeat(Math.min(chars.length - 1, 2));
}
