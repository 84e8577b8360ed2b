import { describe, expect, it } from 'vitest';
import { corridorZone } from '../airspace/corridor-zone.js';
import { parseEd269, toEd269 } from './ed269.js';
import { parseScenario, zoneToFeature } from './scenario-features.js';

const cor = corridorZone({
  id: 'CORRIDOR-500101-500102',
  name: '甲—乙跨江航路走廊',
  from: { id: 'LP-500101-HUB', location: [106.3, 29.9] },
  to: { id: 'LP-500102-HUB', location: [106.35, 29.93] },
  reason: 'test',
  source: 'illustrative',
});

describe("a corridor's ends in the exchange formats", () => {
  it('survive the scenario GeoJSON (export, then import)', () => {
    const { bundle, problems } = parseScenario({
      stations: { type: 'FeatureCollection', features: [] },
      landingPoints: { type: 'FeatureCollection', features: [] },
      zones: { type: 'FeatureCollection', features: [zoneToFeature(cor)] },
      districts: { type: 'FeatureCollection', features: [] },
    });
    expect(problems.filter((p) => p.collection === 'zones')).toEqual([]);
    expect(bundle.zones).toEqual([cor]);
    expect(bundle.zones[0].corridorEnds).toEqual(['LP-500101-HUB', 'LP-500102-HUB']);
  });
  it('survive ED-269 (export, then import), and a malformed pair is refused', () => {
    const doc = JSON.parse(JSON.stringify(toEd269([cor])));
    expect(doc.features[0].extendedProperties.yukong.corridorEnds).toEqual(['LP-500101-HUB', 'LP-500102-HUB']);
    const again = parseEd269(doc);
    expect(again.problems).toEqual([]);
    expect(again.zones[0]).toMatchObject({ kind: 'corridor', corridorEnds: ['LP-500101-HUB', 'LP-500102-HUB'] });
    doc.features[0].extendedProperties.yukong.corridorEnds = ['LP-500101-HUB'];
    expect(parseEd269(doc).problems.length).toBeGreaterThan(0);
  });
});
