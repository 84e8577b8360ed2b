/**
 * Property-based fuzzing of the inputs that write: flight plans (submit, check, batch), temporary
 * restrictions (publish, preview) and ED-269 imports. Valid documents are generated, then mutated
 * (extreme doubles, odd strings, leap seconds, years 0001/9999, missing and extra fields, routes
 * and volumes together, giant arrays within the schema caps). Properties:
 *   - never a 5xx;
 *   - every non-2xx body is {error:{code,message}} with a code from the catalogue, and its status;
 *   - after a 4xx nothing was written (plans, zones, audit rows unchanged); check and preview
 *     never write; a 2xx writes exactly what it answers;
 *   - the server is healthy afterwards.
 * Seeded and bounded: FUZZ_SEED and FUZZ_RUNS (a multiplier) override for longer exploration; a
 * failure prints its seed and path (fast-check's replay data).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../shared/errors/error-codes.js';
import { createHarness, type Harness } from './helpers/api-harness.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Doc = { [k: string]: Json };

const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const SCALE = Number(process.env.FUZZ_RUNS ?? 1);
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));
/** fast-check settings: fixed seed, bounded runs and time (whole file well under a minute). */
const params = (offset: number, numRuns: number) => ({ seed: SEED + offset, numRuns: runs(numRuns), interruptAfterTimeLimit: 12_000 * SCALE, endOnFailure: false });
const NOW = Date.parse('2026-12-01T00:00:00Z');
const P = '/api/v1/flight-plans';

let h: Harness;
/** extra principals, so the per-principal rate limit and plan quota never hide what is fuzzed */
const pilots: string[] = [];
const aOperators: string[] = ['city'];
let turn = 0;
const pilot = () => pilots[turn++ % pilots.length];
const aOperator = () => aOperators[turn++ % aOperators.length];

beforeAll(async () => {
  h = await createHarness();
  const add = async (name: string, p: Record<string, string>) => {
    const r = await h.call('admin', 'POST', '/api/v1/principals', p);
    if (r.status !== 201) throw new Error(`${name}: ${JSON.stringify(r.body)}`);
    h.tokens[name] = r.body.token;
    return name;
  };
  for (let i = 0; i < 6; i++) pilots.push(await add(`fuzz-pilot-${i}`, { role: 'pilot', name: `fuzz pilot ${i}`, operatorId: `FUZZ-${i}` }));
  for (let i = 0; i < 3; i++) aOperators.push(await add(`fuzz-city-${i}`, { role: 'operator', name: `fuzz A operator ${i}`, stationId: 'A-CQ' }));
});
/** what the answers were, by endpoint and outcome (FUZZ_STATS=1 prints them) */
const stats = new Map<string, number>();
afterAll(async () => {
  if (process.env.FUZZ_STATS)
    console.log(
      [...stats]
        .sort()
        .map(([k, n]) => `${String(n).padStart(5)} ${k}`)
        .join('\n'),
    );
  await h?.close();
});

// ---------------------------------------------------------------------------------------------
// the store and the invariants

function counts() {
  const db = h.app.yukong.services.db;
  const n = (t: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n;
  return { plans: n('plans'), zones: n('zones'), audit: n('audit') };
}
type Counts = ReturnType<typeof counts>;

/** What a request may write: nothing (check, preview, any error), or what its 2xx answer says. */
type Expect = (status: number, body: any, before: Counts, after: Counts) => void;

function expectErrorBody(status: number, body: any, where: string): void {
  expect(body, where).toBeTypeOf('object');
  expect(body.error, where).toBeTypeOf('object');
  expect(typeof body.error.message, where).toBe('string');
  expect(Object.keys(ERROR_CODES), where).toContain(body.error.code);
  expect(ERROR_CODES[body.error.code as keyof typeof ERROR_CODES], `${where}: status of ${body.error.code}`).toBe(status);
}

async function send(who: string, url: string, payload: unknown, writes: Expect): Promise<{ status: number; body: any }> {
  const before = counts();
  const r = await h.call(who, 'POST', url, payload);
  const where = `${url} → ${r.status} ${JSON.stringify(r.body).slice(0, 600)}`;
  // FUZZ_STATS=2 tells schema refusals apart by their message
  const detail = process.env.FUZZ_STATS === '2' && r.body?.error?.code === 'VALIDATION_FAILED' ? r.body.error.message.replace(/[0-9]+/g, '#').slice(0, 70) : undefined;
  const outcome =
    detail ??
    r.body?.error?.code ??
    r.body?.state ??
    r.body?.decision?.outcome ??
    (r.body?.results ? `${r.body.results.filter((x: { status: number }) => x.status === 201).length} of ${r.body.results.length} recorded` : '');
  stats.set(`${url} ${r.status} ${outcome}`, (stats.get(`${url} ${r.status} ${outcome}`) ?? 0) + 1);
  expect(r.status, where).toBeLessThan(500);
  if (r.status >= 300) {
    expectErrorBody(r.status, r.body, where);
    expect(counts(), `${where}: nothing written after ${r.status}`).toEqual(before);
  } else {
    writes(r.status, r.body, before, counts());
  }
  return r;
}

const writesNothing: Expect = (_s, _b, before, after) => expect(after).toEqual(before);
const writesOnePlan: Expect = (status, body, before, after) => {
  expect(status).toBe(201);
  expect(['approved', 'pending', 'rejected']).toContain(body.state);
  expect(after.plans).toBe(before.plans + 1);
  expect(after.zones).toBe(before.zones);
};
const writesBatch: Expect = (status, body, before, after) => {
  expect(status).toBe(200);
  const results = body.results as { status: number; error?: unknown }[];
  for (const x of results) {
    expect(x.status).toBeLessThan(500);
    if (x.status >= 300) expectErrorBody(x.status, x, 'batch item');
  }
  expect(after.plans).toBe(before.plans + results.filter((x) => x.status === 201).length);
  expect(after.zones).toBe(before.zones);
};
const writesOneZone: Expect = (status, body, before, after) => {
  expect(status).toBe(201);
  expect(body.zone?.kind).toBe('temporary');
  expect(after.zones).toBe(before.zones + 1);
  expect(after.plans).toBe(before.plans);
};
const writesImported: Expect = (status, body, before, after) => {
  expect(status).toBe(201);
  expect(after.zones).toBe(before.zones + body.imported.length);
  expect(after.plans).toBe(before.plans);
};

async function healthy(): Promise<void> {
  const r = await h.app.inject({ method: 'GET', url: '/api/v1/health' });
  expect(r.statusCode).toBe(200);
}

// ---------------------------------------------------------------------------------------------
// generic mutations of a JSON document

/** Every path to a node (not the root), depth first. */
function paths(v: Json, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (Array.isArray(v))
    v.forEach((x, i) => {
      out.push([...prefix, i]);
      paths(x, [...prefix, i], out);
    });
  else if (v !== null && typeof v === 'object')
    for (const k of Object.keys(v)) {
      out.push([...prefix, k]);
      paths(v[k], [...prefix, k], out);
    }
  return out;
}

const EXTREME_NUMBERS = [
  1e308,
  -1e308,
  1e-300,
  -1e-300,
  -0,
  0,
  5e-324,
  -5e-324,
  2 ** 53 + 2,
  -(2 ** 53),
  1e21,
  180.0000001,
  -180.0000001,
  90.0000001,
  85.0000001,
  -85.0000001,
  10000,
  10000.0001,
  100000.0001,
  0.49,
  0.5,
  150,
  150.0001,
  86_400,
  101,
  -1,
  3.5,
];
const TIME_STRINGS = [
  '2026-12-01T23:59:60Z',
  '2026-12-31T23:59:60+08:00',
  '0001-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '1999-12-31T23:59:59Z',
  '2101-01-01T00:00:00Z',
  '2100-12-31T23:59:59.999Z',
  '2026-02-30T00:00:00Z',
  '2026-13-01T00:00:00Z',
  '2026-12-01T24:00:00Z',
  '2026-12-01t02:00:00z',
  '2026-12-01T02:00:00.123456789Z',
  '2026-12-01T02:00:00+14:00',
  '2026-12-01T02:00:00-12:00',
  '2026-12-01 02:00:00Z',
  '2026-12-01T02:00:00',
  '+053311-01-01T00:00:00Z',
  '2026-12-01',
  'tomorrow',
  '',
  '2026-11-30T23:59:59Z',
  '2026-12-31T00:00:00Z',
  '2027-01-01T00:00:00Z',
  '2026-12-01T00:00:00Z',
];
const ODD_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\uD800',
  '𝕏'.repeat(50),
  'x'.repeat(5000),
  '<script>alert(1)</script>',
  "'; DROP TABLE plans;--",
  '__proto__',
  'constructor',
  'LP-404',
  'Circle',
  'Polygon',
  'MultiPolygon',
  'permanent',
  'window',
  'weekly',
  'PROHIBITED',
  'ANY',
  'FT',
  'AMSL',
  'NaN',
  'Infinity',
  '1e308',
];

const numberArb = fc.oneof(fc.constantFrom(...EXTREME_NUMBERS), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), fc.double({ min: -200, max: 200, noNaN: true }));
/** RFC 3339-shaped strings with every field possibly out of range (month 13, day 32, hour 24, second 60, year 0–9999). */
const timeShapedArb = fc
  .tuple(
    fc.integer({ min: 0, max: 9999 }),
    fc.integer({ min: 0, max: 13 }),
    fc.integer({ min: 0, max: 32 }),
    fc.integer({ min: 0, max: 24 }),
    fc.integer({ min: 0, max: 60 }),
    fc.integer({ min: 0, max: 60 }),
    fc.constantFrom('Z', '+08:00', '-00:00', '+24:00', 'z', ''),
  )
  .map(
    ([y, mo, d, hh, mi, s, z]) =>
      `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}T${String(hh).padStart(2, '0')}:${String(mi).padStart(2, '0')}:${String(s).padStart(2, '0')}${z}`,
  );
const timeArb = fc.oneof(fc.constantFrom(...TIME_STRINGS), timeShapedArb);
const stringArb = fc.oneof(fc.constantFrom(...ODD_STRINGS), fc.string({ maxLength: 30 }), fc.string({ unit: 'binary', maxLength: 20 }), timeArb);
const leafArb: fc.Arbitrary<Json> = fc.oneof(numberArb, stringArb, fc.constantFrom<Json>(null, true, false, [], {}, [[]], [0, 0], [[0, 0]]));

type Op =
  | { op: 'number'; v: number }
  | { op: 'time'; v: string }
  | { op: 'string'; v: string }
  | { op: 'leaf'; v: Json }
  | { op: 'delete' }
  | { op: 'extra'; key: string; v: Json }
  | { op: 'duplicate' }
  | { op: 'wrap' };
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: numberArb.map((v) => ({ op: 'number' as const, v })) },
  { weight: 3, arbitrary: timeArb.map((v) => ({ op: 'time' as const, v })) },
  { weight: 2, arbitrary: stringArb.map((v) => ({ op: 'string' as const, v })) },
  { weight: 1, arbitrary: leafArb.map((v) => ({ op: 'leaf' as const, v })) },
  { weight: 2, arbitrary: fc.constant({ op: 'delete' as const }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('extra' as const), key: fc.constantFrom('colour', '__proto__', 'constructor', 'id', 'kind', 'volumes', 'route', ''), v: leafArb }) },
  { weight: 1, arbitrary: fc.constant({ op: 'duplicate' as const }) },
  { weight: 1, arbitrary: fc.constant({ op: 'wrap' as const }) },
);

/** Applies one operation at the `pick`-th path (numbers and times prefer leaves of their kind). */
function mutate(doc: Doc, pick: number, m: Op): Doc {
  const out = structuredClone(doc) as Doc;
  let all = paths(out);
  if (!all.length) return out;
  const at = (p: (string | number)[]) => p.reduce<Json>((v, k) => (v as Record<string, Json>)[k as string], out);
  if (m.op === 'number') all = all.filter((p) => typeof at(p) === 'number');
  if (m.op === 'time') all = all.filter((p) => typeof at(p) === 'string' && /^\d{4}-/.test(at(p) as string));
  if (!all.length) all = paths(out);
  const path = all[pick % all.length];
  const parent = at(path.slice(0, -1)) as Record<string | number, Json>;
  const key = path[path.length - 1];
  switch (m.op) {
    case 'delete':
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
      break;
    case 'extra': {
      const target = at(path);
      const obj = target !== null && typeof target === 'object' && !Array.isArray(target) ? target : parent;
      if (!Array.isArray(obj)) Object.defineProperty(obj, m.key, { value: m.v, enumerable: true, writable: true, configurable: true });
      break;
    }
    case 'duplicate':
      if (Array.isArray(parent)) parent.push(structuredClone(parent[key as number]));
      else parent[`${key}`] = [structuredClone(parent[key])] as Json;
      break;
    case 'wrap':
      parent[key] = [parent[key]];
      break;
    default:
      parent[key] = m.v;
  }
  return out;
}

/** numbers a schema lets through that sit on or just past a semantic limit */
const PLAUSIBLE_NUMBERS = [
  0, -0, 1e-300, 5e-324, 1e-9, 0.5, 0.5000001, 1, 100, 120, 120.0000001, 150, 5000, 10000, 100000, 99999.999, 84.9999999, 85, -85, 179.9999999, 180, -180, 29.5, 106.5, 90, -90,
];
const semanticOpArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...PLAUSIBLE_NUMBERS).map((v) => ({ op: 'number' as const, v })) },
  { weight: 3, arbitrary: timeArb.map((v) => ({ op: 'time' as const, v })) },
  { weight: 1, arbitrary: fc.constant({ op: 'delete' as const }) },
  { weight: 1, arbitrary: fc.constant({ op: 'duplicate' as const }) },
);
/** none (the valid document), a few semantic mutations (they mostly pass the schema), or anything */
const mutationsArb = (maxCount: number): fc.Arbitrary<[number, Op][]> =>
  fc.oneof(
    { weight: 2, arbitrary: fc.constant<[number, Op][]>([]) },
    { weight: 5, arbitrary: fc.array(fc.tuple(fc.nat(), semanticOpArb), { minLength: 1, maxLength: maxCount }) },
    { weight: 3, arbitrary: fc.array(fc.tuple(fc.nat(), opArb), { minLength: 1, maxLength: maxCount }) },
  );
const applyAll = (doc: Doc, ms: [number, Op][]) => ms.reduce((d, [pick, op]) => mutate(d, pick, op), doc);

// ---------------------------------------------------------------------------------------------
// valid documents

const iso = (ms: number) => new Date(ms).toISOString();
const centreArb = fc.tuple(fc.double({ min: 106.25, max: 106.75, noNaN: true }), fc.double({ min: 29.45, max: 29.9, noNaN: true }));
/** occasionally far away: outside the served region, across the border, near the poles and ±180° */
const anyCentreArb = fc.oneof(
  { weight: 12, arbitrary: centreArb },
  { weight: 1, arbitrary: fc.constantFrom<[number, number]>([104.06, 30.67], [2.35, 48.85], [179.999, 0], [-179.999, 0], [0, 84.99], [0, -84.99], [0, 90], [106.5, 29.5]) },
);

const ringAround = (c: [number, number], rDeg: number, n: number, phase = 0): [number, number][] => {
  const r = Array.from({ length: n }, (_, i): [number, number] => [c[0] + rDeg * Math.cos(phase + (2 * Math.PI * i) / n), c[1] + rDeg * Math.sin(phase + (2 * Math.PI * i) / n)]);
  return [...r, r[0]];
};

const outlineArb: fc.Arbitrary<Doc> = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(anyCentreArb, fc.double({ min: 0.0005, max: 0.05, noNaN: true })).map(([c, d]): Doc => ({ type: 'Polygon', coordinates: [ringAround(c, d, 4, Math.PI / 4)] })) },
  { weight: 3, arbitrary: fc.tuple(anyCentreArb, fc.double({ min: 1, max: 100_000, noNaN: true })).map(([c, r]): Doc => ({ type: 'Circle', center: c, radiusM: r })) },
  // giant, within the schema caps: up to 999 vertices in one ring, or up to 20 rings
  { weight: 1, arbitrary: fc.tuple(centreArb, fc.integer({ min: 3, max: 999 })).map(([c, n]): Doc => ({ type: 'Polygon', coordinates: [ringAround(c, 0.02, n)] })) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(centreArb, fc.integer({ min: 1, max: 19 }))
      .map(([c, k]): Doc => ({ type: 'Polygon', coordinates: [ringAround(c, 0.05, 8), ...Array.from({ length: k }, (_, i) => ringAround([c[0] - 0.03 + (0.06 * i) / 20, c[1]], 0.001, 4))] })),
  },
);

const volumeArb: fc.Arbitrary<Doc> = fc
  .record({
    outline: outlineArb,
    lower: fc.integer({ min: 0, max: 200 }),
    band: fc.integer({ min: 1, max: 200 }),
    startMin: fc.integer({ min: -120, max: 31 * 24 * 60 }),
    durMin: fc.integer({ min: 1, max: 26 * 60 }),
  })
  .map(({ outline, lower, band, startMin, durMin }) => ({
    outline,
    altitudeLowerM: lower,
    altitudeUpperM: lower + band,
    timeStart: iso(NOW + startMin * 60_000),
    timeEnd: iso(NOW + (startMin + durMin) * 60_000),
  }));

const routeArb: fc.Arbitrary<Doc> = fc
  .record({
    c: anyCentreArb,
    n: fc.integer({ min: 2, max: 6 }),
    spread: fc.double({ min: 0.001, max: 0.3, noNaN: true }),
    giant: fc.boolean(),
    speed: fc.oneof(fc.double({ min: 0.5, max: 150, noNaN: true }), fc.constantFrom(0.5, 1, 150)),
    half: fc.double({ min: 1, max: 5000, noNaN: true }),
    lower: fc.integer({ min: 0, max: 150 }),
    departMin: fc.integer({ min: -60, max: 31 * 24 * 60 }),
  })
  .map(({ c, n, spread, giant, speed, half, lower, departMin }) => ({
    waypoints: ringAround(c, spread, giant ? 199 : n).slice(0, giant ? 200 : n) as Json,
    corridorHalfWidthM: half,
    cruiseSpeedMps: speed,
    altitudeLowerM: lower,
    altitudeUpperM: lower + 30,
    departAt: iso(NOW + departMin * 60_000),
  }));

const planArb: fc.Arbitrary<Doc> = fc
  .record({
    category: fc.constantFrom('micro', 'light', 'small', 'medium', 'large'),
    mission: fc.constantFrom('logistics', 'inspection', 'survey', 'agriculture', 'sightseeing', 'training', 'uam', 'rescue', 'medical', 'firefighting', 'police', 'other'),
    priority: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
    shape: fc.oneof(
      { weight: 5, arbitrary: fc.array(volumeArb, { minLength: 1, maxLength: 4 }).map((volumes) => ({ volumes })) },
      { weight: 4, arbitrary: routeArb.map((route) => ({ route })) },
      { weight: 1, arbitrary: fc.tuple(fc.array(volumeArb, { minLength: 1, maxLength: 2 }), routeArb).map(([volumes, route]) => ({ volumes, route })) },
    ),
    deadline: fc.option(fc.oneof({ weight: 4, arbitrary: fc.integer({ min: -60, max: 3000 }).map((m) => iso(NOW + m * 60_000)) }, { weight: 1, arbitrary: timeArb }), { nil: undefined, freq: 4 }),
    lp: fc.option(fc.constantFrom('LP-404', ''), { nil: undefined, freq: 8 }),
  })
  .map(
    ({ category, mission, priority, shape, deadline, lp }) =>
      ({
        aircraft: { registration: 'UAS-CQ-FUZZ01', category },
        mission,
        ...(priority === undefined ? {} : { priority }),
        ...shape,
        ...(deadline === undefined ? {} : { deadline }),
        ...(lp === undefined ? {} : { departure: lp }),
      }) as Doc,
  );

const applicabilityArb: fc.Arbitrary<Doc> = fc.oneof(
  fc.constant({ kind: 'permanent' }),
  fc
    .tuple(fc.integer({ min: -3000, max: 60 * 24 * 60 }), fc.integer({ min: -60, max: 10 * 24 * 60 }))
    .map(([s, d]) => ({ kind: 'window', start: iso(NOW + s * 60_000), end: iso(NOW + (s + d) * 60_000) })),
  fc
    .record({
      days: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
      from: fc.integer({ min: -400, max: 400 }),
      len: fc.integer({ min: -30, max: 400 }),
      start: fc.constantFrom('00:00', '08:00', '23:59'),
      end: fc.constantFrom('24:00', '18:00', '00:00'),
    })
    .map(({ days, from, len, start, end }) => ({
      kind: 'weekly',
      periods: [{ days, startTime: start, endTime: end }],
      validFrom: iso(NOW + from * 86_400_000),
      validTo: iso(NOW + (from + len) * 86_400_000),
    })),
);

const restrictionArb: fc.Arbitrary<Doc> = fc
  .record({
    outline: outlineArb,
    lower: fc.integer({ min: 0, max: 300 }),
    band: fc.integer({ min: 1, max: 500 }),
    applicability: applicabilityArb,
    restriction: fc.constantFrom('prohibited', 'approval'),
  })
  .map(({ outline, lower, band, applicability, restriction }) => ({
    name: 'fuzz restriction',
    reason: 'fuzz',
    outline,
    altitudeLowerM: lower,
    altitudeUpperM: lower + band,
    applicability,
    restriction,
  }));

let ed269Serial = 0;
const ed269Arb: fc.Arbitrary<Doc> = fc
  .record({
    features: fc.array(
      fc.record({
        restriction: fc.constantFrom('PROHIBITED', 'REQ_AUTHORISATION', 'CONDITIONAL', 'NO_RESTRICTION'),
        app: fc.oneof(
          fc.constant(undefined),
          applicabilityArb.map(
            (a): Json =>
              a.kind === 'permanent'
                ? [{ permanent: 'YES' }]
                : a.kind === 'window'
                  ? [{ permanent: 'NO', startDateTime: a.start, endDateTime: a.end }]
                  : [{ permanent: 'NO', startDateTime: a.validFrom, endDateTime: a.validTo, schedule: [{ day: ['MON', 'SAT'], startTime: '08:00', endTime: '18:00' }] }],
          ),
        ),
        outline: outlineArb,
        ft: fc.boolean(),
        lower: fc.integer({ min: 0, max: 300 }),
        band: fc.integer({ min: 1, max: 3000 }),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    wrapper: fc.constantFrom('features', 'UASZoneList'),
  })
  .map(({ features, wrapper }) => ({
    [wrapper]: features.map((f) => ({
      identifier: `FUZZ-${SEED}-${++ed269Serial}`,
      restriction: f.restriction,
      reason: ['OTHER'],
      otherReasonInfo: 'fuzz',
      ...(f.app === undefined ? {} : { applicability: f.app }),
      geometry: [
        {
          uomDimensions: f.ft ? 'FT' : 'M',
          lowerLimit: f.lower,
          upperLimit: f.lower + f.band,
          lowerVerticalReference: 'AGL',
          upperVerticalReference: 'AGL',
          horizontalProjection: f.outline.type === 'Circle' ? { type: 'Circle', center: f.outline.center, radius: f.outline.radiusM } : f.outline,
        },
      ],
    })),
  }));

// ---------------------------------------------------------------------------------------------
// the properties

describe('fuzz: inputs that write never 5xx, answer catalogue errors and never leave a partial record', () => {
  it('flight-plan submissions (POST /flight-plans)', async () => {
    await fc.assert(
      fc.asyncProperty(planArb, mutationsArb(3), async (plan, ms) => {
        await send(pilot(), P, applyAll(plan, ms), writesOnePlan);
      }),
      params(1, 800),
    );
    await healthy();
  }, 60_000);

  it('flight-plan checks (POST /flight-plans/check) write nothing', async () => {
    await fc.assert(
      fc.asyncProperty(planArb, mutationsArb(3), fc.constantFrom('pilot', 'beibei', 'city', 'planner'), async (plan, ms, who) => {
        await send(who === 'pilot' ? pilot() : who === 'city' ? aOperator() : who, `${P}/check`, applyAll(plan, ms), writesNothing);
      }),
      params(2, 500),
    );
    await healthy();
  }, 60_000);

  it('flight-plan batches (POST /flight-plans/batch)', async () => {
    const batchArb = fc.array(fc.tuple(planArb, mutationsArb(2)), { minLength: 1, maxLength: 6 });
    await fc.assert(
      fc.asyncProperty(batchArb, mutationsArb(1), async (items, outer) => {
        const body = applyAll({ plans: items.map(([p, ms]) => applyAll(p, ms)) as Json }, outer);
        await send(pilot(), `${P}/batch`, body, writesBatch);
      }),
      params(3, 120),
    );
    await healthy();
  }, 60_000);

  it('temporary restrictions by the A station (POST /zones, /zones/preview)', async () => {
    await fc.assert(
      fc.asyncProperty(restrictionArb, mutationsArb(3), fc.boolean(), async (z, ms, preview) => {
        await send(aOperator(), preview ? '/api/v1/zones/preview' : '/api/v1/zones', applyAll(z, ms), preview ? writesNothing : writesOneZone);
      }),
      params(4, 500),
    );
    await healthy();
  }, 60_000);

  it('ED-269 imports by the admin (POST /zones/ed269)', async () => {
    await fc.assert(
      fc.asyncProperty(ed269Arb, mutationsArb(3), async (doc, ms) => {
        await send(turn % 2 ? 'admin' : aOperator(), '/api/v1/zones/ed269', applyAll(doc, ms), writesImported);
      }),
      params(5, 300),
    );
    await healthy();
  }, 60_000);

  it('the store is consistent afterwards: every recorded plan reads back, and the listing answers', async () => {
    const list = await h.call('admin', 'GET', `${P}?limit=5000`);
    expect(list.status).toBe(200);
    const { plans } = counts();
    expect(list.body.plans.length).toBe(Math.min(plans, 5000));
    for (const p of list.body.plans.slice(0, 50)) expect((await h.call('admin', 'GET', `${P}/${p.id}`)).status).toBe(200);
    expect((await h.call('viewer', 'GET', '/api/v1/zones')).status).toBe(200);
    expect((await h.call('viewer', 'GET', '/api/v1/zones/ed269')).status).toBe(200);
    await healthy();
  }, 60_000);
});
