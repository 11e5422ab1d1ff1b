/** Citizen ID numbers (公民身份号码) per GB 11643-1999: 17 digits and an ISO 7064 MOD 11-2 check character. */
const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const checkChars = '10X98765432';

export interface IdNumberFacts {
  birthDate: string;
  gender: 'male' | 'female';
}

/** Upper-cases the check character and drops spaces, as people type them. */
export function normalizeIdNumber(text: string): string {
  return text.replace(/\s+/g, '').toUpperCase();
}

/** The reason an ID number is invalid, or null when it is valid. */
export function idNumberProblem(idNumber: string): string | null {
  if (!/^\d{17}[\dX]$/.test(idNumber)) return '身份证号应为 18 位，前 17 位为数字，末位为数字或 X';
  const sum = weights.reduce((acc, w, i) => acc + w * Number(idNumber[i]), 0);
  if (checkChars[sum % 11] !== idNumber[17]) return '身份证号校验码不正确';
  if (!factsOf(idNumber)) return '身份证号中的出生日期不存在';
  return null;
}

/** Birth date and gender encoded in a valid ID number. */
export function idNumberFacts(idNumber: string): IdNumberFacts | null {
  return idNumberProblem(idNumber) ? null : factsOf(idNumber);
}

function factsOf(idNumber: string): IdNumberFacts | null {
  const y = Number(idNumber.slice(6, 10));
  const m = Number(idNumber.slice(10, 12));
  const d = Number(idNumber.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return {
    birthDate: `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`,
    gender: Number(idNumber[16]) % 2 === 1 ? 'male' : 'female',
  };
}

/** A valid number with the given region, birth date and sequence, for generated data and tests. */
export function makeIdNumber(region: string, birthDate: string, sequence: number): string {
  const body = `${region}${birthDate.replaceAll('-', '')}${String(sequence % 1000).padStart(3, '0')}`;
  const sum = weights.reduce((acc, w, i) => acc + w * Number(body[i]), 0);
  return `${body}${checkChars[sum % 11]}`;
}

/** Region and last four kept, birth date hidden: 230102199001011234 → 230102********1234. */
export function maskIdNumber(idNumber: string): string {
  return `${idNumber.slice(0, 6)}${'*'.repeat(8)}${idNumber.slice(14)}`;
}

export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}
