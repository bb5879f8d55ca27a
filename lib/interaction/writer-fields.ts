// Checks of what a writer gives about themselves on the letter form: a phone number that can be
// called back and, when given, a resident ID number whose check digit is right (GB 11643-1999).

/** Mainland mobile (11 digits from 13–19), or a landline with area code (010-12345678, 0755 1234567-89). */
const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/;

/** The number as stored: spaces dropped, a leading +86 / 0086 removed. */
export function normalizePhone(value: string): string {
  return value
    .replace(/[\s\u3000]/g, "")
    .replace(/^(\+86|0086)-?/, "")
    .replace(/－/g, "-");
}

export function isValidPhone(value: string): boolean {
  const phone = normalizePhone(value);
  return MOBILE.test(phone) || LANDLINE.test(phone);
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = "10X98765432";

/**
 * 公民身份号码 (GB 11643-1999): 6-digit region, 8-digit birth date, 3-digit sequence, and a check
 * character (ISO 7064 MOD 11-2: weights 2^(17-i) mod 11, 0–10 written "10X98765432").
 * The birth date must be a real day between 1900 and today.
 */
export function isValidIdNumber(value: string, today: Date = new Date()): boolean {
  const id = value.trim().toUpperCase();
  if (!/^[1-9]\d{16}[\dX]$/.test(id)) return false;
  const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  const date = new Date(`${birth}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== birth) return false;
  if (birth < "1900-01-01" || date.getTime() > today.getTime()) return false;
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(id[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11] === id[17];
}
