/** Small self-contained SVG charts and maps for reports (no scripts, no external resources). */
import type { LngLat } from '../../shared/geo/types.js';

export const esc = (s: unknown) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

export interface Series {
  name: string;
  color: string;
  points: [number, number][];
}

/** Rough width of a label in pixels at `size` (CJK characters are square, others about half). */
export function textWidth(s: string, size = 11): number {
  let w = 0;
  for (const ch of s) w += /[\u2e80-\uffff]/.test(ch) ? size : size * 0.6;
  return Math.ceil(w);
}

/** A line chart with markers, axes, ticks and a legend below the plot (never over a line, never cut off). */
export function lineChart(o: { title: string; xLabel: string; yLabel: string; series: Series[]; yMax?: number; width?: number; height?: number }): string {
  const W = Math.max(o.width ?? 520, textWidth(o.title, 14) + 24, ...o.series.map((s) => textWidth(s.name) + 90)),
    plotH = o.height ?? 300,
    L = 56,
    R = 24,
    T = 36,
    B = 44,
    legendH = o.series.length * 16 + 6,
    H = plotH + legendH;
  const xs = o.series.flatMap((s) => s.points.map((p) => p[0]));
  const ys = o.series.flatMap((s) => s.points.map((p) => p[1]));
  const x0 = 0,
    x1 = Math.max(1, ...xs);
  const y1 = o.yMax ?? niceMax(Math.max(1, ...ys));
  const X = (x: number) => L + ((x - x0) / (x1 - x0)) * (W - L - R);
  const Y = (y: number) => plotH - B - (y / y1) * (plotH - T - B);
  const ticks = Array.from({ length: 6 }, (_, i) => (y1 * i) / 5);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(o.title)}">`,
    `<text x="${W / 2}" y="20" text-anchor="middle" font-weight="600">${esc(o.title)}</text>`,
    ...ticks.map((t) => `<line x1="${L}" x2="${W - R}" y1="${Y(t)}" y2="${Y(t)}" stroke="#ddd"/><text x="${L - 6}" y="${Y(t) + 4}" text-anchor="end" font-size="11">${fmt(t)}</text>`),
    ...[...new Set(xs)].sort((a, b) => a - b).map((x) => `<text x="${X(x)}" y="${plotH - B + 16}" text-anchor="middle" font-size="11">${fmt(x)}</text>`),
    `<line x1="${L}" x2="${L}" y1="${T}" y2="${plotH - B}" stroke="#444"/><line x1="${L}" x2="${W - R}" y1="${plotH - B}" y2="${plotH - B}" stroke="#444"/>`,
    `<text x="${(L + W - R) / 2}" y="${plotH - 6}" text-anchor="middle" font-size="12">${esc(o.xLabel)}</text>`,
    `<text transform="translate(14 ${(T + plotH - B) / 2}) rotate(-90)" text-anchor="middle" font-size="12">${esc(o.yLabel)}</text>`,
  ];
  o.series.forEach((s, i) => {
    const pts = [...s.points].sort((a, b) => a[0] - b[0]);
    parts.push(
      `<polyline fill="none" stroke="${s.color}" stroke-width="2" points="${pts.map(([x, y]) => `${X(x).toFixed(1)},${Y(y).toFixed(1)}`).join(' ')}"/>`,
      ...pts.map(([x, y]) => `<circle cx="${X(x).toFixed(1)}" cy="${Y(y).toFixed(1)}" r="3.5" fill="${s.color}"><title>${esc(s.name)}: ${fmt(x)} → ${fmt(y)}</title></circle>`),
      `<rect x="${L}" y="${plotH + 4 + i * 16}" width="10" height="10" fill="${s.color}"/><text x="${L + 14}" y="${plotH + 13 + i * 16}" font-size="11">${esc(s.name)}</text>`,
    );
  });
  return parts.join('') + '</svg>';
}

function niceMax(v: number): number {
  const p = 10 ** Math.floor(Math.log10(v));
  return [1, 2, 2.5, 5, 10].map((m) => m * p).find((m) => m >= v) ?? v;
}
const fmt = (v: number) => (Math.abs(v) >= 100 || Number.isInteger(v) ? String(Math.round(v)) : v.toFixed(1));

export interface MapLayer {
  polygons?: { rings: LngLat[][]; fill: string; stroke?: string; title?: string }[];
  points?: { at: LngLat; r: number; fill: string; title?: string; shape?: 'circle' | 'triangle' }[];
}

/** An equirectangular map (cos-latitude scaled) of polygons and points, fitted to `bbox`. */
export function svgMap(o: { title: string; bbox: [number, number, number, number]; layers: MapLayer[]; width?: number; legend?: { label: string; color: string }[] }): string {
  const [w, s, e, n] = o.bbox;
  const k = Math.cos((((s + n) / 2) * Math.PI) / 180);
  const W = o.width ?? 620;
  // the legend sits above the map, right of the title, so it never hides a part of it
  const top = 30 + (o.legend?.length ? Math.max(0, o.legend.length * 16 + 10 - 4) : 0);
  const H = Math.round((W * (n - s)) / ((e - w) * k)) + top;
  const P = ([x, y]: LngLat) => `${(((x - w) / (e - w)) * W).toFixed(1)},${(top + ((n - y) / (n - s)) * (H - top)).toFixed(1)}`;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(o.title)}">`,
    `<text x="8" y="20" font-weight="600">${esc(o.title)}</text>`,
  ];
  for (const l of o.layers) {
    for (const p of l.polygons ?? [])
      parts.push(
        `<path d="${p.rings.map((r) => `M${r.map(P).join('L')}Z`).join('')}" fill="${p.fill}" stroke="${p.stroke ?? 'none'}" stroke-width="0.6" fill-rule="evenodd">${p.title ? `<title>${esc(p.title)}</title>` : ''}</path>`,
      );
    for (const p of l.points ?? []) {
      const [x, y] = P(p.at).split(',').map(Number);
      const t = p.title ? `<title>${esc(p.title)}</title>` : '';
      parts.push(
        p.shape === 'triangle'
          ? `<path d="M${x},${y - p.r}L${x + p.r},${y + p.r}L${x - p.r},${y + p.r}Z" fill="${p.fill}">${t}</path>`
          : `<circle cx="${x}" cy="${y}" r="${p.r}" fill="${p.fill}">${t}</circle>`,
      );
    }
  }
  const legend = o.legend ?? [];
  // as wide as its longest label, so no label runs off the right edge
  const legendW = Math.max(0, ...legend.map((g) => textWidth(g.label) + 24));
  legend.forEach((g, i) => {
    parts.push(`<rect x="${W - legendW}" y="${8 + i * 16}" width="10" height="10" fill="${g.color}"/><text x="${W - legendW + 15}" y="${17 + i * 16}" font-size="11">${esc(g.label)}</text>`);
  });
  return parts.join('') + '</svg>';
}
