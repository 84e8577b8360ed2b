/** The evaluation of recorded traffic on the planner page: busiest cells (by place), landing points and zones, and suggested adjustments, in words. */
import { useEffect, useState } from 'react';
import type { LandingPoint } from '../../shared/schemas/landing-point.js';
import type { Api } from './api.js';
import { districtCentres } from './district-centres.js';
import { AdoptUsage } from './edition-adopt.js';
import { t, type Lang } from './i18n.js';
import { fillText } from './i18n-plans.js';
import { PLANNER_TEXT as P } from './i18n-planner.js';
import { adjustmentKind, adjustmentText, type AdjustmentLike, cellPlace, type NamedPlace, pct } from './planner-format.js';
import { zoneName } from './zone-text.js';

export interface Usage {
  plans: { total: number; flown: number; rejected: number };
  utilisation: { topCells: { cell: string; flights: number; peakHourFlights: number; peakUtilisationPct: number }[] };
  busiestLandingPoints: { id: string; name: string; movements: number; peakHourMovements: number; capacityPerHour: number }[];
  zonesRejecting: { id: string; name: string; rejected: number; referredForApproval: number }[];
  adjustments: AdjustmentLike[];
}

/** Township-level places (landing points, named after their township) and district centres, for naming cells. */
function usePlaces(api: Api): { places: NamedPlace[]; lps: Map<string, string> } {
  const [state, setState] = useState<{ places: NamedPlace[]; lps: Map<string, string> }>({ places: [], lps: new Map() });
  useEffect(() => {
    let live = true;
    const lps = api.get<{ landingPoints: LandingPoint[] }>('/landing-points').then(
      (r) => r.landingPoints ?? [],
      () => [] as LandingPoint[],
    );
    const districts = districtCentres().then((ds) => ds.map((d): NamedPlace => ({ name: d.name, location: d.centre })));
    void Promise.all([lps, districts]).then(([l, d]) => {
      if (live) setState({ places: [...l.filter((p) => p.kind !== 'hub').map((p) => ({ name: p.name, location: p.location })), ...d], lps: new Map(l.map((p) => [p.id, p.name])) });
    });
    return () => {
      live = false;
    };
  }, [api]);
  return state;
}

export function PlannerUsage({ api, lang, usage, usageOnMap, setUsageOnMap }: { api: Api; lang: Lang; usage: Usage; usageOnMap: boolean; setUsageOnMap: (on: boolean) => void }) {
  const { places, lps } = usePlaces(api);
  const zones = new Map(usage.zonesRejecting.map((z) => [z.id, z]));
  const colon = lang === 'zh' ? '：' : ': ';
  const ctx = { lpName: (id: string) => lps.get(id), zone: (id: string) => zones.get(id), places };
  return (
    <div data-testid="planner-usage" style={{ fontSize: 12 }}>
      <p>
        {t(lang, 'plansSummary').replace('{n}', String(usage.plans.total)).replace('{f}', String(usage.plans.flown)).replace('{r}', String(usage.plans.rejected))}{' '}
        <label>
          <input type="checkbox" data-testid="usage-on-map" checked={usageOnMap} onChange={(e) => setUsageOnMap(e.target.checked)} /> {t(lang, 'usageOnMap')}
        </label>
      </p>
      <strong>{t(lang, 'busiestCells')}</strong>
      <ol>
        {usage.utilisation.topCells.slice(0, 5).map((c) => (
          <li key={c.cell} data-cell={c.cell} title={c.cell}>
            {cellPlace(c.cell, places, lang)}
            {colon}
            {fillText(P.perHour[lang], { n: c.peakHourFlights, pct: pct(c.peakUtilisationPct) })}
            {lang === 'zh' ? '，' : ', '}
            {fillText(P.flights[lang], { n: c.flights })}
          </li>
        ))}
      </ol>
      <strong>{t(lang, 'busiestPoints')}</strong>
      <ol>
        {usage.busiestLandingPoints.slice(0, 5).map((l) => (
          <li key={l.id}>
            {l.name}
            {colon}
            {fillText(P.movements[lang], { peak: l.peakHourMovements, cap: l.capacityPerHour, n: l.movements })}
          </li>
        ))}
      </ol>
      <strong>{t(lang, 'zonesRejecting')}</strong>
      <ol>
        {usage.zonesRejecting.slice(0, 5).map((z) => (
          <li key={z.id}>
            {zoneName(z, lang)}
            {colon}
            {fillText(P.zoneRejected[lang], { r: z.rejected, a: z.referredForApproval })}
          </li>
        ))}
      </ol>
      <strong>{t(lang, 'adjustments')}</strong>
      <ul>
        {usage.adjustments.slice(0, 8).map((x) => (
          <li key={`${x.kind}-${x.ref}`} data-kind={x.kind}>
            <b>{adjustmentKind(x.kind, lang)}</b>
            {colon}
            {adjustmentText(x, lang, ctx)}
          </li>
        ))}
      </ul>
      <AdoptUsage api={api} lang={lang} />
    </div>
  );
}
