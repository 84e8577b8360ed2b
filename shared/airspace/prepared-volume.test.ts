import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readCases } from '../../tests/fixtures/read-volume-fixture.js';
import { prepareVolume, volumesConflict } from './prepared-volume.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), '../../tests/fixtures/conflicts');
const cases = readCases(dir);

describe('exact 4D conflict test on known-answer fixtures', () => {
  it('has the fixtures', () => expect(cases.length).toBeGreaterThanOrEqual(20));
  for (const c of cases) {
    it(`${c.name}: ${c.expected.conflict ? 'conflict' : 'clear'} (${c.expected.why})`, () => {
      const a = prepareVolume(c.a);
      const b = prepareVolume(c.b);
      expect(volumesConflict(a, b)).toBe(c.expected.conflict);
      expect(volumesConflict(b, a)).toBe(c.expected.conflict); // symmetric
    });
  }
});
