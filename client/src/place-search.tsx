/** A place search for the pilot: landing points (GET /landing-points) and district names; picking one centres the map there and may add it as a waypoint. */
import { useEffect, useMemo, useState } from 'react';
import type { LngLat } from '../../shared/geo/types.js';
import type { LandingPoint } from '../../shared/schemas/landing-point.js';
import type { Api } from './api.js';
import { districtCentres } from './district-centres.js';
import type { Lang } from './i18n.js';
import { PILOT_TEXT as L } from './i18n-plans.js';
import { matchPlaces, type Place } from './place-match.js';

export interface PlaceSearchProps {
  api: Api;
  lang: Lang;
  /** centre the map on a place */
  onPlace: (p: LngLat, name: string) => void;
  /** add the place as the plan's next waypoint (when the map side offers it) */
  addWaypoint?: (p: LngLat) => void;
}

export function PlaceSearch({ api, lang, onPlace, addWaypoint }: PlaceSearchProps) {
  const [places, setPlaces] = useState<Place[]>([]);
  const [query, setQuery] = useState('');
  useEffect(() => {
    let live = true;
    const lps = api.get<{ landingPoints: LandingPoint[] }>('/landing-points').then(
      (r) => (r.landingPoints ?? []).map((p): Place => ({ kind: 'landingPoint', id: p.id, name: p.name, location: p.location })),
      () => [] as Place[],
    );
    const districts = districtCentres().then((ds) => ds.map((d): Place => ({ kind: 'district', id: d.adcode, name: d.name, location: d.centre })));
    void Promise.all([districts, lps]).then(([d, l]) => live && setPlaces([...d, ...l]));
    return () => {
      live = false;
    };
  }, [api]);
  const hits = useMemo(() => matchPlaces(query, places, 8), [query, places]);
  return (
    <div data-testid="place-search" style={{ margin: '4px 0' }}>
      <input
        aria-label={L.search[lang]}
        data-testid="place-query"
        placeholder={`${L.search[lang]}：${L.searchHint[lang]}`}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        style={{ width: '100%' }}
      />
      {query.trim() && (
        <ul data-testid="place-results" style={{ paddingLeft: 18, margin: '2px 0', maxHeight: 140, overflow: 'auto', fontSize: 12 }}>
          {hits.length === 0 && <li>{L.noMatch[lang]}</li>}
          {hits.map((p) => (
            <li key={`${p.kind}-${p.id}`} data-place={p.id}>
              <button
                type="button"
                data-testid="place-pick"
                style={{ border: 0, background: 'none', padding: 0, cursor: 'pointer', textDecoration: 'underline' }}
                onClick={() => {
                  onPlace(p.location, p.name);
                  setQuery('');
                }}
              >
                {p.name}
              </button>{' '}
              <span style={{ color: '#777' }}>{p.kind === 'district' ? L.district[lang] : L.landingPoint[lang]}</span>
              {addWaypoint && (
                <button type="button" data-testid="place-waypoint" style={{ marginLeft: 4 }} onClick={() => addWaypoint(p.location)}>
                  {L.usePoint[lang]}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
