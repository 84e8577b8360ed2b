/**
 * Adds one change to a draft (or reviewed) edition: a zone (a circle by its centre and radius, as
 * restrictions are notified, or a polygon clicked on the map or typed vertex by vertex) or its
 * withdrawal, a landing point added, changed (capacity, opening hours) or retired. The server
 * checks it as it checks every change (jurisdiction, what exists).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ChangeInput, ChangeOp } from '../../shared/schemas/edition.js';
import { LANDING_POINT_KINDS, type LandingPoint, type LandingPointKind } from '../../shared/schemas/landing-point.js';
import type { ZoneListItem } from '../../shared/schemas/responses.js';
import { opText } from './edition-lines.js';
import { EDITION_TEXT as E } from './edition-text.js';
import type { Lang } from './i18n.js';
import { lpKindText } from './card-text.js';
import { zoneName } from './zone-text.js';
import type { ZoneKind } from '../../shared/schemas/zone.js';
import { ZONE_KIND_TEXT } from './value-text.js';
import { type ZoneShape, ZoneShapeFields } from './zone-shape-fields.js';
import { drawnRing, type MapDrawing } from './map-drawing.js';

/** stands for the new zone's id until the change is filed */
const ZONE_ID_PENDING = 'ZONE-NEW';
/** "ZONE-MX24SLVF-7Q3K": the time and a random part, drawn when the change is filed */
const newZoneId = () => `ZONE-${Date.now().toString(36).toUpperCase()}-${Math.random().toString(36).slice(2, 6).toUpperCase()}`;

const OPS: ChangeOp[] = ['zone.add', 'zone.withdraw', 'landing-point.add', 'landing-point.change', 'landing-point.retire'];
const row = { display: 'flex', gap: 4, flexWrap: 'wrap', alignItems: 'center', fontSize: 12 } as const;
const num = { width: 80 } as const;

export interface EditionChangeFormProps {
  lang: Lang;
  /** the landing points and zones in force: what a change may be about */
  landingPoints: readonly LandingPoint[];
  zones: readonly ZoneListItem[];
  busy: boolean;
  /** the station whose districts this operator serves (absent: every point, the A station's) */
  districts?: readonly string[] | 'all';
  /** the map's drawing (the vertices clicked while it is on), shared with the restriction editor */
  draw?: MapDrawing;
  /** adds the change; true once the edition holds it */
  onAdd: (change: ChangeInput) => Promise<boolean>;
}

/** "歇马起降点 (LP-500109-03)" → the point, by its id in brackets or its exact name. */
function pointOf(text: string, points: readonly LandingPoint[]): LandingPoint | undefined {
  const id = /\(([^()]+)\)\s*$/.exec(text)?.[1];
  return points.find((p) => p.id === id) ?? points.find((p) => p.name === text.trim() || p.id === text.trim());
}

/**
 * The kinds of zone the form adds: those that take effect by their outline, band and time alone.
 * (A temporary restriction is published on its own; suitable airspace and corridors need the
 * categories they admit, and a corridor its ends, which this form does not ask for.)
 */
const EDITION_ZONE_KINDS = ['prohibited', 'restricted', 'controlled'] as const satisfies readonly ZoneKind[];
type EditionZoneKind = (typeof EDITION_ZONE_KINDS)[number];

export function EditionChangeForm({ lang, landingPoints, zones, busy, districts, draw, onAdd }: EditionChangeFormProps) {
  const [op, setOp] = useState<ChangeOp>('landing-point.change');
  const [point, setPoint] = useState('');
  const [zoneId, setZoneId] = useState('');
  const [name, setName] = useState('');
  const [zoneKind, setZoneKind] = useState<EditionZoneKind>('prohibited');
  const [shape, setShape] = useState<ZoneShape>('circle');
  const ring = shape === 'polygon' && draw ? drawnRing(draw.points) : null;
  // the map stops taking vertices, and forgets them, when the form goes (the edition closed)
  const drawn = useRef(draw);
  drawn.current = draw;
  useEffect(
    () => () => {
      drawn.current?.setDrawing(false);
      drawn.current?.clearPoints();
    },
    [],
  );
  const [kind, setKind] = useState<LandingPointKind>('township');
  const [lng, setLng] = useState('');
  const [lat, setLat] = useState('');
  const [radiusM, setRadiusM] = useState('1000');
  const [lower, setLower] = useState('0');
  const [upper, setUpper] = useState('120');
  const [capacity, setCapacity] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [allDay, setAllDay] = useState(false);
  const [note, setNote] = useState('');
  // a B station changes the zones and points of its own districts only (the server says which zones)
  const withdrawable = useMemo(() => zones.filter((z) => z.kind !== 'temporary' && z.mayDraft).sort((a, b) => a.id.localeCompare(b.id)), [zones]);
  const points = useMemo(() => (districts && districts !== 'all' ? landingPoints.filter((p) => districts.includes(p.districtAdcode)) : landingPoints), [landingPoints, districts]);
  const chosen = pointOf(point, points);
  // opening hours: both ends, and not the same (open all day is said by the box)
  const usesHours = op === 'landing-point.add' || op === 'landing-point.change';
  const hoursHalf = usesHours && !allDay && (from !== '') !== (to !== '');
  const hoursSame = usesHours && !allDay && from !== '' && from === to;
  const hours = allDay ? null : from && to && from !== to ? { from, to } : undefined;
  const clear = () => {
    setPoint('');
    setZoneId('');
    setName('');
    setLng('');
    setLat('');
    setCapacity('');
    setFrom('');
    setTo('');
    setAllDay(false);
    setNote('');
    if (shape === 'polygon') {
      drawn.current?.setDrawing(false);
      drawn.current?.clearPoints();
    }
  };

  /** the change as entered, or null while something it needs is missing */
  const change = ((): ChangeInput | null => {
    if (hoursHalf || hoursSame) return null;
    const extra = note.trim() ? { note: note.trim() } : {};
    const at = [Number(lng), Number(lat)] as [number, number];
    const placed = lng.trim() !== '' && lat.trim() !== '' && at.every(Number.isFinite);
    switch (op) {
      case 'zone.add':
        if (!name.trim() || (shape === 'circle' ? !placed || !(Number(radiusM) > 0) : !ring)) return null;
        return {
          op,
          zone: {
            id: ZONE_ID_PENDING,
            name: name.trim(),
            kind: zoneKind,
            outline: ring ? { type: 'Polygon', coordinates: [ring] } : { type: 'Circle', center: at, radiusM: Number(radiusM) },
            altitudeLowerM: Number(lower),
            altitudeUpperM: Number(upper),
            applicability: { kind: 'permanent' },
            reason: note.trim() || name.trim(),
            source: 'airspace edition',
          },
          ...extra,
        };
      case 'zone.withdraw':
        return zoneId ? { op, zoneId, ...extra } : null;
      case 'landing-point.add':
        if (!name.trim() || !placed || !(Number(capacity) >= 1)) return null;
        return { op, landingPoint: { name: name.trim(), category: kind, lng: at[0], lat: at[1], capacityPerHour: Math.round(Number(capacity)), ...(hours ? { openingHours: hours } : {}) }, ...extra };
      case 'landing-point.change': {
        if (!chosen) return null;
        const patch = { ...(capacity.trim() ? { capacityPerHour: Math.round(Number(capacity)) } : {}), ...(hours !== undefined ? { openingHours: hours } : {}) };
        return Object.keys(patch).length ? { op, landingPointId: chosen.id, patch, ...extra } : null;
      }
      case 'landing-point.retire':
        return chosen ? { op, landingPointId: chosen.id, ...extra } : null;
      default:
        return null;
    }
  })();

  const field = (label: string, input: React.ReactNode) => (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is passed in and rendered inside the label
    <label style={row}>
      {label} {input}
    </label>
  );
  const pointField = field(
    E.fPoint[lang],
    <>
      <input list="edition-change-points" data-testid="change-point" value={point} onChange={(x) => setPoint(x.target.value)} style={{ minWidth: 180 }} />
      <datalist id="edition-change-points">
        {points.map((p) => (
          <option key={p.id} value={`${p.name} (${p.id})`} />
        ))}
      </datalist>
      {chosen && <span style={{ color: '#555' }}>{`${lpKindText(chosen.kind, lang)} · ${E.fCapacity[lang]} ${chosen.capacityPerHour}`}</span>}
    </>,
  );
  const place = (
    <>
      {field(E.fLng[lang], <input data-testid="change-lng" type="number" step="any" min={-180} max={180} value={lng} onChange={(x) => setLng(x.target.value)} style={num} />)}
      {field(E.fLat[lang], <input data-testid="change-lat" type="number" step="any" min={-85} max={85} value={lat} onChange={(x) => setLat(x.target.value)} style={num} />)}
    </>
  );
  const hoursFields = (
    <>
      {field(E.fOpen[lang], <input type="time" value={from} disabled={allDay} onChange={(x) => setFrom(x.target.value)} />)}
      {field(E.fClose[lang], <input type="time" value={to} disabled={allDay} onChange={(x) => setTo(x.target.value)} />)}
      {op === 'landing-point.change' && field(E.fAllDay[lang], <input type="checkbox" checked={allDay} onChange={(x) => setAllDay(x.target.checked)} />)}
    </>
  );
  return (
    <form
      data-testid="edition-change-form"
      style={{ display: 'flex', flexDirection: 'column', gap: 3, border: '1px dashed #bbb', padding: 4, margin: '4px 0' }}
      onSubmit={(x) => {
        x.preventDefault();
        if (!change) return;
        // a new zone's id, drawn once for this change (the server refuses an id that exists)
        const filed: ChangeInput = change.op === 'zone.add' ? { ...change, zone: { ...change.zone, id: newZoneId() } } : change;
        void onAdd(filed).then((added) => {
          if (added) clear();
        });
      }}
    >
      <strong style={{ fontSize: 12 }}>{E.addChange[lang]}</strong>
      {field(
        E.fOp[lang],
        <select
          data-testid="change-op"
          value={op}
          onChange={(x) => {
            setOp(x.target.value as ChangeOp);
            // a polygon drawn for a zone is not the next change's
            draw?.setDrawing(false);
            draw?.clearPoints();
            setAllDay(false);
            setFrom('');
            setTo('');
          }}
        >
          {OPS.map((o) => (
            <option key={o} value={o}>
              {opText(o, lang)}
            </option>
          ))}
        </select>,
      )}
      {(op === 'zone.add' || op === 'landing-point.add') && field(E.fName[lang], <input data-testid="change-name" value={name} onChange={(x) => setName(x.target.value)} />)}
      {op === 'zone.add' && (
        <>
          {field(
            E.fZoneKind[lang],
            <select value={zoneKind} onChange={(x) => setZoneKind(x.target.value as EditionZoneKind)}>
              {EDITION_ZONE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {ZONE_KIND_TEXT[k]?.[lang] ?? k}
                </option>
              ))}
            </select>,
          )}
          {draw && <ZoneShapeFields lang={lang} shape={shape} setShape={setShape} draw={draw} />}
          {!(shape === 'polygon' && draw) && (
            <>
              {place}
              {field(E.fRadius[lang], <input data-testid="change-radius" type="number" min={1} value={radiusM} onChange={(x) => setRadiusM(x.target.value)} style={num} />)}
            </>
          )}
          {field(E.fLower[lang], <input type="number" min={0} value={lower} onChange={(x) => setLower(x.target.value)} style={num} />)}
          {field(E.fUpper[lang], <input type="number" min={0} value={upper} onChange={(x) => setUpper(x.target.value)} style={num} />)}
        </>
      )}
      {op === 'zone.withdraw' &&
        field(
          E.fZone[lang],
          <select data-testid="change-zone" value={zoneId} onChange={(x) => setZoneId(x.target.value)}>
            <option value="">–</option>
            {withdrawable.map((z) => (
              <option key={z.id} value={z.id}>
                {`${zoneName(z, lang)} (${z.id})`}
              </option>
            ))}
          </select>,
        )}
      {op === 'zone.withdraw' && withdrawable.length < zones.filter((z) => z.kind !== 'temporary').length && (
        <span data-testid="change-zone-scope" style={{ fontSize: 11, color: '#555' }}>
          {E.zonesInScope[lang]}
        </span>
      )}
      {op === 'landing-point.add' && (
        <>
          {field(
            E.fKind[lang],
            <select value={kind} onChange={(x) => setKind(x.target.value as LandingPointKind)}>
              {LANDING_POINT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {lpKindText(k, lang)}
                </option>
              ))}
            </select>,
          )}
          {place}
        </>
      )}
      {(op === 'landing-point.change' || op === 'landing-point.retire') && pointField}
      {(op === 'landing-point.change' || op === 'landing-point.retire') && point.trim() !== '' && !chosen && (
        <span data-testid="change-point-unknown" style={{ fontSize: 11, color: '#b71c1c' }}>
          {pointOf(point, landingPoints) ? E.pointOutside[lang] : E.noSuchPoint[lang]}
        </span>
      )}
      {(op === 'landing-point.add' || op === 'landing-point.change') && (
        <>
          {field(E.fCapacity[lang], <input data-testid="change-capacity" type="number" min={1} step={1} value={capacity} onChange={(x) => setCapacity(x.target.value)} style={num} />)}
          {hoursFields}
        </>
      )}
      {(hoursHalf || hoursSame) && <span style={{ fontSize: 11, color: '#b71c1c' }}>{(hoursSame ? E.hoursSame : E.hoursHalf)[lang]}</span>}
      {field(E.fNote[lang], <input data-testid="change-note" value={note} onChange={(x) => setNote(x.target.value)} style={{ flex: 1 }} />)}
      <div>
        <button type="submit" data-testid="change-add" disabled={busy || !change}>
          {E.addChangeButton[lang]}
        </button>
      </div>
    </form>
  );
}
