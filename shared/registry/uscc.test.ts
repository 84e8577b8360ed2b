import { describe, expect, it } from 'vitest';
import { usccCheckChar, usccProblem, withUsccCheck } from './uscc.js';

describe('unified social credit code', () => {
  it('accepts published codes with their check character', () => {
    // codes printed on public business licences
    for (const code of ['91350100M000100Y43', '91110000600001760P', '91440300708461136T', '915000002028257485']) expect(usccProblem(code), code).toBeNull();
  });

  it('names what is wrong: length, alphabet, division, check', () => {
    expect(usccProblem('91350100M000100Y4')).toBe('LENGTH');
    expect(usccProblem('91350100M000100YI3')).toBe('CHARACTER'); // I is not in the alphabet
    expect(usccProblem('9135A100M000100Y43')).toBe('DIVISION');
    expect(usccProblem('91350100M000100Y44')).toBe('CHECK');
  });

  it('every single-character change of a valid code is caught by the check', () => {
    const code = '91500000MA5U3XXX1A'.slice(0, 17);
    const valid = withUsccCheck(code);
    expect(usccProblem(valid)).toBeNull();
    const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    for (let i = 0; i < 17; i++) {
      if (i >= 2 && i < 8) continue; // the division must stay digits
      for (const c of alphabet) {
        if (c === valid[i]) continue;
        const changed = `${valid.slice(0, i)}${c}${valid.slice(i + 1)}`;
        expect(usccProblem(changed), changed).toBe('CHECK');
      }
    }
    expect(usccCheckChar('I'.repeat(17))).toBeNull();
  });
});
