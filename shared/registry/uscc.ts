/**
 * The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from a 31-letter
 * alphabet (digits and capitals without I, O, Z, S, V): registration authority (1), entity kind
 * (1), administrative division (6 digits), organisation code (9), and a check character computed
 * from the first 17 with weights 3^i mod 31.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character for the first 17 characters, or null when one is outside the alphabet. */
export function usccCheckChar(first17: string): string | null {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = ALPHABET.indexOf(first17[i]);
    if (v < 0) return null;
    sum += v * WEIGHTS[i];
  }
  return ALPHABET[(31 - (sum % 31)) % 31];
}

export type UsccProblem = 'LENGTH' | 'CHARACTER' | 'DIVISION' | 'CHECK';

/** Why a code is not a valid unified social credit code, or null when it is. */
export function usccProblem(code: string): UsccProblem | null {
  if (code.length !== 18) return 'LENGTH';
  if (![...code].every((c) => ALPHABET.includes(c))) return 'CHARACTER';
  if (!/^\d{6}$/.test(code.slice(2, 8))) return 'DIVISION';
  return usccCheckChar(code.slice(0, 17)) === code[17] ? null : 'CHECK';
}

/** A valid code from its first 17 characters (for seeds and tests). */
export const withUsccCheck = (first17: string): string => `${first17}${usccCheckChar(first17) ?? '?'}`;
