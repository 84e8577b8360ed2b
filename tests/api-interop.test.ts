/** BeiDou grid, ED-269, ASTM and exports over HTTP. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../shared/io/csv.js';
import { createHarness, planBody, type Harness } from './helpers/api-harness.js';

const FIX = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
const read = (p: string) => JSON.parse(readFileSync(join(FIX, p), 'utf8'));
let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.close();
});

describe('BeiDou grid API', () => {
  const lng = 116 + 18 / 60 + 45.37 / 3600,
    lat = 39 + 59 / 60 + 35.38 / 3600;
  it('encodes a point, with a 3D code when a height is given', async () => {
    const r = await h.call('viewer', 'GET', `/api/v1/grid/beidou?lng=${lng}&lat=${lat}&level=8&altitudeM=120`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ code: 'N50J47539B825534', level: 8 });
    expect(r.body.code3d).toHaveLength(26);
    expect(r.body.cell.west).toBeLessThanOrEqual(lng);
    expect(r.body.cell.east).toBeGreaterThanOrEqual(lng);
  });
  it('decodes 2D and 3D codes and refuses malformed ones', async () => {
    expect((await h.call('viewer', 'GET', '/api/v1/grid/beidou/N50J475')).body).toMatchObject({ dimensions: 2, level: 3, cell: { west: 116.25, east: 116.5, north: 40 } });
    const code3d = (await h.call('viewer', 'GET', `/api/v1/grid/beidou?lng=${lng}&lat=${lat}&level=5&altitudeM=50`)).body.code3d;
    const d = (await h.call('viewer', 'GET', `/api/v1/grid/beidou/${code3d}`)).body;
    expect(d).toMatchObject({ dimensions: 3, level: 5, code2d: 'N50J47539B8' });
    expect(d.heightLowerM).toBeLessThanOrEqual(50);
    expect(d.heightUpperM).toBeGreaterThan(50);
    const bad = await h.call('viewer', 'GET', '/api/v1/grid/beidou/N99Z');
    expect([bad.status, bad.body.error.code]).toEqual([400, 'INVALID_GRID_CODE']);
    expect((await h.call('viewer', 'GET', '/api/v1/grid/beidou?lng=500&lat=0')).body.error.code).toBe('COORDINATE_OUT_OF_RANGE');
    expect((await h.call('anonymous', 'GET', '/api/v1/grid/beidou/N50J')).status).toBe(401);
  });
  it('covers a footprint', async () => {
    const r = await h.call('planner', 'POST', '/api/v1/grid/beidou/cover', { outline: { type: 'Circle', center: [106.5, 29.5], radiusM: 100 }, level: 4 });
    expect(r.body.count).toBe(4); // the circle sits on a 1′ cell corner
    expect((await h.call('planner', 'POST', '/api/v1/grid/beidou/cover', { outline: { type: 'Circle', center: [106.5, 29.5], radiusM: 90_000 }, level: 9 })).body.error.code).toBe('TOO_MANY_CELLS');
  });
});

describe('ED-269 over HTTP', () => {
  it('exports every zone, in either wrapper', async () => {
    const f = (await h.call('viewer', 'GET', '/api/v1/zones/ed269')).body;
    expect(f.features).toHaveLength(57); // 9 airport zones, 45 suitable areas, 3 corridors
    expect(f.features.find((z: { identifier: string }) => z.identifier === 'ZONE-ZUDZ')).toMatchObject({ restriction: 'PROHIBITED' });
    expect(f.features.find((z: { identifier: string }) => z.identifier === 'CORRIDOR-500104-500108')).toMatchObject({
      restriction: 'NO_RESTRICTION',
      extendedProperties: { yukong: { kind: 'corridor', corridorEnds: ['LP-500104-HUB', 'LP-500108-HUB'] } },
    });
    expect((await h.call('viewer', 'GET', '/api/v1/zones/ed269?wrapper=UASZoneList')).body.UASZoneList).toHaveLength(57);
  });
  it('imports all or nothing, and re-checks the plans the new zones touch', async () => {
    const saved = h.clock.now;
    h.clock.now = Date.parse('2026-12-20T00:00:00Z');
    try {
      const plan = (await h.call('acme', 'POST', '/api/v1/flight-plans', planBody({ c: [106.585, 29.565], start: '2026-12-31T12:00:00Z', end: '2026-12-31T12:20:00Z' }))).body;
      expect(plan.state).toBe('pending'); // inside Jiangbei airport's protection area
      const bad = await h.call('city', 'POST', '/api/v1/zones/ed269', read('ed269/in/invalid.json'));
      expect(bad.status).toBe(400);
      expect(bad.body.error.code).toBe('INVALID_ED269');
      expect(bad.body.error.details.length).toBeGreaterThanOrEqual(10);
      expect((await h.call('beibei', 'POST', '/api/v1/zones/ed269', read('ed269/in/features-wrapper.json'))).status).toBe(403);
      expect((await h.call('viewer', 'GET', '/api/v1/zones')).body.zones).toHaveLength(57);
      const ok = await h.call('city', 'POST', '/api/v1/zones/ed269', read('ed269/in/features-wrapper.json'));
      expect(ok.status).toBe(201);
      expect(ok.body.imported).toEqual(['CQ-P-001', 'CQ-R-002']);
      expect(ok.body.affected).toEqual([{ planId: plan.id, state: 'pending', becomes: 'revoked' }]);
      expect((await h.call('acme', 'GET', `/api/v1/flight-plans/${plan.id}`)).body.state).toBe('revoked');
      expect((await h.call('city', 'POST', '/api/v1/zones/ed269', read('ed269/in/features-wrapper.json'))).body.error.details[0].message).toMatch(/already exists/);
      // a file shaped as authorities publish it: imported, with what was normalised per zone
      const published = await h.call('city', 'POST', '/api/v1/zones/ed269', read('ed269/in/as-published.json'));
      expect(published.status).toBe(201);
      expect(published.body.imported).toEqual(['CQ-ZONE-CTR-1', 'CQ-ZONE-NAT-7', 'CQ-ZONE-MIL-3']);
      expect(published.body.notes).toEqual(expect.arrayContaining([{ zone: 'CQ-ZONE-MIL-3', path: 'UASZoneList[2].geometry[0].upperLimit', note: 'null: unlimited (read as 100000 m)' }]));
    } finally {
      h.clock.now = saved;
    }
  });
});

describe('ASTM volumes and exports over HTTP', () => {
  it('submits ASTM volumes and answers a plan as ASTM volumes', async () => {
    const astm = read('astm/in/interuss-volumes.json');
    const r = await h.call('acme', 'POST', '/api/v1/flight-plans/astm', { aircraft: { registration: 'UAS-CQ-9', category: 'light' }, mission: 'survey', volumes: astm });
    expect(r.status).toBe(201);
    expect(r.body.volumes).toEqual(read('astm/out/interuss-volumes.json'));
    const back = (await h.call('acme', 'GET', `/api/v1/flight-plans/${r.body.id}/astm`)).body;
    expect(back.volumes[1].volume.outline_circle).toEqual({ center: { lat: 29.52, lng: 106.52 }, radius: { value: 304.8, units: 'M' } });
    expect(back.volumes[0].volume.outline_polygon.vertices).toEqual(astm[0].volume.outline_polygon.vertices);
    const bad = await h.call('acme', 'POST', '/api/v1/flight-plans/astm', { aircraft: { registration: 'x', category: 'light' }, mission: 'survey', volumes: [{ volume: {} }] });
    expect(bad.body.error.code).toBe('INVALID_ASTM_VOLUME');
  });
  it('exports GeoJSON and a CSV of the flights a principal may see', async () => {
    expect((await h.call('viewer', 'GET', '/api/v1/export/zones.geojson')).body.features.length).toBeGreaterThanOrEqual(9);
    expect((await h.call('viewer', 'GET', '/api/v1/export/landing-points.geojson')).body.features).toHaveLength(200);
    const mine = (await h.call('acme', 'GET', '/api/v1/flight-plans')).body.plans.length;
    await h.call('other', 'POST', '/api/v1/flight-plans', planBody({ c: [106.3, 29.9] }));
    const csv = await h.app.inject({ method: 'GET', url: '/api/v1/export/flights.csv', headers: { authorization: `Bearer ${h.tokens.acme}` } });
    expect(csv.headers['content-type']).toContain('text/csv');
    const rows = parseCsv(csv.body);
    expect(rows).toHaveLength(mine);
    expect(rows.every((r) => r.operatorId === 'ACME')).toBe(true);
    const all = parseCsv((await h.app.inject({ method: 'GET', url: '/api/v1/export/flights.csv', headers: { authorization: `Bearer ${h.tokens.viewer}` } })).body);
    expect(all).toHaveLength(mine + 1);
    const geo = (await h.call('viewer', 'GET', '/api/v1/export/plans.geojson')).body;
    expect(geo.features.length).toBeGreaterThanOrEqual(all.length);
  });
});
