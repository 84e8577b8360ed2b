/** The report in words: Chinese by default, English on request, findings from the study's own figures, percentages to one decimal, cells by place. */
import { describe, expect, it } from 'vitest';
import type { ScenarioBundle } from '../../shared/io/scenario-features.js';
import { reportHtml } from './report-html.js';
import { REJECT_REASON_TEXT, REPORT_TEXT, SOURCE_TEXT, studyTitle } from './report-text.js';
import type { RolloutResult } from './run-rollout.js';

const CJK = /[\u4e00-\u9fff]/;
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

function phase(points: number, pct: number, baseline: number) {
  return {
    points,
    districtsCovered: 30,
    districtsTotal: 38,
    townshipsTotal: 1000,
    townshipsWithinRPct: pct,
    distance: { meanKm: 4.2345, p90Km: 9.87 },
    baseStations: 12,
    connectivity: { components: 3, relaysToConnect: 2, largestComponentPct: 91.234, gaps: [{ from: 'S3', to: 'S2', size: 2, gapM: 23_456, relaysNeeded: 1 }] },
    baseline: { townshipsWithinRPct: baseline, districtsCovered: 20, meanKm: 8 },
    traffic: {
      requested: 800,
      flown: 700,
      rejected: 60,
      rejectedByReason: { PLAN_CONFLICT: 40, LANDING_POINT_CAPACITY: 20 },
      suggestionsTaken: 30,
      meanDelayS: 420,
      conflictsPer1000: 3.456,
      conflictsAtLandingPointsPct: 55.55,
      lossOfSeparationPer1000: 0.123,
      slotUtilisation: { meanPct: 12.345, peakPct: 88.888 },
      peakCellHour: { flights: 9, utilisationPct: 112.49 },
      surveillancePct: 99.951,
    },
  };
}

function study(strategy: 'coverage' | 'random', lastPct: number): RolloutResult {
  return {
    options: {
      strategy,
      seed: 1,
      radiusM: 5000,
      droneRangeM: 20_000,
      baseStation: { radiusM: 8000, altitudeM: 120 },
      gridResolution: 6,
      traffic: { flightsPerPointPerDay: 4, stepS: 30 },
      phases: [200, 500],
    },
    candidates: {
      total: 2000,
      bySource: { townships: 900, grid: 1100 },
      rejected: [],
      uncoverableTownships: [{ code: 'T1', name: '某镇', nearestCandidateKm: 6.78 }, ...Array.from({ length: 33 }, (_, i) => ({ code: `T${i + 2}`, name: `镇${i}`, nearestCandidateKm: 7 }))],
    },
    phases: [phase(200, 52.279, 40.1), phase(500, lastPct, 60.04)],
    sites: [
      { id: 'S1', name: '龙兴镇起降点', location: [106.8, 29.7], stage: 'county', order: 1, phase: 200 },
      { id: 'S2', name: '悦来街道起降点', location: [106.6, 29.75], stage: 'coverage', order: 2, phase: 200 },
      { id: 'S3', name: '网格 86401bb0fffffff', location: [107.5, 30.2], adcode: '500230', stage: 'area', order: 3, phase: 500 },
    ],
    stations: [{ id: 'X-1', location: [106.7, 29.7], phase: 200 }],
    coverageCells: [],
    usage: {
      500: {
        plans: { total: 1, flown: 1, rejected: 0, pending: 0 },
        utilisation: { topCells: [] },
        busiestLandingPoints: [],
        zonesRejecting: [],
        adjustments: [
          {
            kind: 'hot-cell',
            ref: '86409a4c7ffffff',
            text: 'H3 cell 86409a4c7ffffff carried',
            evidence: { peakHourFlights: 9, peakUtilisationPct: 112.49 },
            geometry: { type: 'Point', coordinates: [106.8001, 29.7001] },
          },
        ],
      },
    },
  } as unknown as RolloutResult;
}

const scenario = { stations: [], landingPoints: [{ id: 'LP-1', name: '包鸾镇起降点', location: [107.52, 30.21] }], zones: [], districts: [] } as unknown as ScenarioBundle;
/** visible text: tags, titles of the document and CSS removed */
const visible = (html: string) => html.replace(/<style>[\s\S]*?<\/style>/, '').replace(/<[^>]+>/g, ' ');

describe('the rollout report', () => {
  it('every text has Chinese and English with the same placeholders', () => {
    for (const [k, v] of Object.entries({ ...REPORT_TEXT, ...SOURCE_TEXT, ...REJECT_REASON_TEXT })) {
      expect(v.zh, k).toMatch(CJK);
      expect(placeholders(v.zh), k).toEqual(placeholders(v.en));
    }
  });
  it('is Chinese by default: no English words outside ids, units and codes; percentages to one decimal; cells by place', () => {
    const html = reportHtml(study('coverage', 96.6), scenario, '渝空 — 方案');
    const text = visible(html);
    expect(html).toContain('lang="zh-CN"');
    expect(text).toContain('52.3%');
    expect(text).not.toMatch(/\d+\.\d{2,}%/);
    expect(text).toContain('龙兴镇附近');
    expect(text).not.toContain('86409a4c7ffffff carried');
    // a site placed on an H3 cell is named by the nearest township, not by its cell
    expect(text).toContain('包鸾镇附近 2 个点');
    expect(text).not.toContain('86401bb0fffffff');
    const english = text.replace(/\b(km|H3|X|R|p90|LoS|FP-\d+|X-\d+)\b/g, '').match(/\b[A-Za-z]{3,}\b/g);
    expect(english).toBeNull();
  });
  it('says the ceiling is reached only when the study reaches it, and words a random study without a random baseline', () => {
    const atCap = visible(reportHtml(study('coverage', 96.6), scenario, 't'));
    expect(atCap).toContain('覆盖率上限为 96.6%');
    expect(atCap).toContain('已接近上限');
    const random = visible(reportHtml(study('random', 70.04), scenario, 't'));
    expect(random).not.toContain('已接近上限');
    expect(random).toContain('距上限还有 26.6 个百分点');
    expect(random).toContain('随机布局');
    const en = visible(reportHtml(study('random', 70.04), scenario, 't', 'en'));
    expect(en).not.toMatch(/coverage stops at/);
    expect(en).toContain('26.6 points below that ceiling');
  });
  it('titles default study names in words', () => {
    expect(studyTitle('coverage 200/500 seed 1', 'zh')).toBe('县县通 + 最大覆盖 200/500 · 种子 1');
  });
});
