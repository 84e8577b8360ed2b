/**
 * ED-269 as national authorities publish it: `null` for open bounds and absent dates, numbers
 * written as strings, an empty `dailyPeriod`, `"permanent": "YES"` with null dates, an
 * `upperLimit` of null for "unlimited", a surface lower limit whose reference differs from the
 * upper one, lower-case units. What the standard allows is normalised here — each normalisation
 * noted per zone, so the importer can say what was read and how — and what it does not is left for
 * the parser to refuse.
 */

/** An upper limit of null ("unlimited") is read as this many metres (above any drone's reach). */
export const UNLIMITED_M = 100_000;

export interface Ed269Note {
  /** the zone's identifier (or its index when it has none) */
  zone: string;
  path: string;
  note: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const NUMERIC = /^\s*-?\d+(\.\d+)?\s*$/;

/** A copy of the document with what the standard allows normalised, and a note for each change. */
export function normaliseEd269(doc: unknown): { doc: unknown; notes: Ed269Note[] } {
  if (!isObj(doc)) return { doc, notes: [] };
  const key = Array.isArray(doc.features) ? 'features' : Array.isArray(doc.UASZoneList) ? 'UASZoneList' : null;
  if (!key) return { doc, notes: [] };
  const notes: Ed269Note[] = [];
  const items = (doc[key] as unknown[]).map((f, i) => (isObj(f) ? zone(f, `${key}[${i}]`, typeof f.identifier === 'string' ? f.identifier : `#${i}`, notes) : f));
  return { doc: { ...doc, [key]: items }, notes };
}

function zone(f: Obj, path: string, id: string, notes: Ed269Note[]): Obj {
  const note = (p: string, n: string) => notes.push({ zone: id, path: p, note: n });
  const out: Obj = {};
  for (const [k, v] of Object.entries(f)) {
    if (v === null) {
      if (k === 'applicability') note(`${path}.applicability`, 'null: the zone applies permanently');
      continue; // an absent optional field
    }
    out[k] = v;
  }
  if (typeof out.reason === 'string') {
    out.reason = [out.reason];
    note(`${path}.reason`, 'a single reason read as a list');
  }
  if (Array.isArray(out.applicability)) out.applicability = applicability(out.applicability, `${path}.applicability`, note);
  else if (isObj(out.applicability)) out.applicability = applicability([out.applicability], `${path}.applicability`, note);
  if (Array.isArray(out.geometry)) out.geometry = out.geometry.map((g, gi) => (isObj(g) ? geometry(g, `${path}.geometry[${gi}]`, note) : g));
  else if (isObj(out.geometry)) out.geometry = [geometry(out.geometry, `${path}.geometry[0]`, note)];
  return out;
}

function applicability(list: unknown[], path: string, note: (p: string, n: string) => void): unknown[] {
  const entries = list.map((a, i) => {
    if (!isObj(a)) return a;
    const p = `${path}[${i}]`;
    const out: Obj = {};
    for (const [k, v] of Object.entries(a)) {
      if (v === null) {
        note(`${p}.${k}`, 'null: absent');
        continue;
      }
      if ((k === 'dailyPeriod' || k === 'schedule') && Array.isArray(v) && v.length === 0) {
        note(`${p}.${k}`, 'empty: no daily period (all day)');
        continue;
      }
      out[k] = v;
    }
    if (typeof out.permanent === 'string' && out.permanent !== out.permanent.toUpperCase()) out.permanent = out.permanent.toUpperCase();
    return out;
  });
  // several permanent entries say one thing
  if (entries.length > 1 && entries.every((e) => isObj(e) && e.permanent === 'YES' && e.startDateTime === undefined && e.schedule === undefined && e.dailyPeriod === undefined)) {
    note(path, `${entries.length} permanent entries read as one`);
    return [entries[0]];
  }
  return entries;
}

function geometry(g: Obj, path: string, note: (p: string, n: string) => void): Obj {
  const out: Obj = { ...g };
  const num = (k: string, where: Obj, p: string) => {
    const v = where[k];
    if (typeof v === 'string' && NUMERIC.test(v)) {
      where[k] = Number(v);
      note(`${p}.${k}`, `"${v}" read as the number ${Number(v)}`);
    }
  };
  if (out.uomDimensions === null || out.uomDimensions === undefined) {
    out.uomDimensions = 'M';
    if (g.uomDimensions === null) note(`${path}.uomDimensions`, 'null: metres');
  } else if (typeof out.uomDimensions === 'string' && out.uomDimensions !== out.uomDimensions.toUpperCase()) {
    out.uomDimensions = out.uomDimensions.toUpperCase();
  }
  num('lowerLimit', out, path);
  num('upperLimit', out, path);
  if (out.lowerLimit === null) {
    out.lowerLimit = 0;
    note(`${path}.lowerLimit`, 'null: from the surface');
  }
  if (out.upperLimit === null) {
    out.upperLimit = out.uomDimensions === 'FT' ? Math.round(UNLIMITED_M / 0.3048) : UNLIMITED_M;
    note(`${path}.upperLimit`, `null: unlimited (read as ${UNLIMITED_M} m)`);
  }
  for (const k of ['lowerVerticalReference', 'upperVerticalReference']) {
    if (out[k] === null) {
      delete out[k];
      note(`${path}.${k}`, 'null: absent');
    }
  }
  const lref = out.lowerVerticalReference;
  const uref = out.upperVerticalReference;
  if (out.lowerLimit === 0 && typeof uref === 'string' && lref !== uref) {
    // the surface is the surface whatever its reference: the zone takes the upper limit's
    out.lowerVerticalReference = uref;
    note(`${path}.lowerVerticalReference`, `surface (${lref ?? 'no reference'}) read with the upper limit's reference ${uref}`);
  } else if (lref === undefined && typeof uref === 'string') {
    out.lowerVerticalReference = uref;
    note(`${path}.lowerVerticalReference`, `absent: the upper limit's ${uref}`);
  } else if (uref === undefined && typeof lref === 'string') {
    out.upperVerticalReference = lref;
    note(`${path}.upperVerticalReference`, `absent: the lower limit's ${lref}`);
  }
  if (isObj(out.horizontalProjection)) {
    const h = { ...out.horizontalProjection };
    num('radius', h, `${path}.horizontalProjection`);
    if (Array.isArray(h.center) && h.center.some((c) => typeof c === 'string' && NUMERIC.test(c))) {
      h.center = h.center.map((c) => (typeof c === 'string' && NUMERIC.test(c) ? Number(c) : c));
      note(`${path}.horizontalProjection.center`, 'coordinates written as strings read as numbers');
    }
    out.horizontalProjection = h;
  }
  return out;
}
