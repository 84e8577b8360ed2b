import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { districtIndex, jurisdictionBox } from './districts.js';

const fc = JSON.parse(readFileSync(new URL('../../seeds/chongqing/districts.geojson', import.meta.url), 'utf8'));

describe('districts', () => {
  it('names and boxes every district; a B station opens on its own', () => {
    const ix = districtIndex(fc.features);
    expect(Object.keys(ix.names)).toHaveLength(38);
    expect(ix.names['500103']).toBe('渝中区');
    const b = jurisdictionBox(ix, ['500103']);
    expect(b).not.toBeNull();
    const [w, s, e, n] = b as number[];
    // 渝中 is the peninsula between the Yangtze and the Jialing: a few km across
    expect(w).toBeGreaterThan(106.4);
    expect(e).toBeLessThan(106.65);
    expect(s).toBeGreaterThan(29.5);
    expect(n).toBeLessThan(29.6);
    expect(jurisdictionBox(ix, 'all')).toBeNull();
    expect(jurisdictionBox(ix, ['nowhere'])).toBeNull();
  });
});
