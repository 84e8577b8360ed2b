import { describe, expect, it } from 'vitest';
import { basemapFor, OFFLINE_STYLE } from './basemap-style.js';

describe('basemap from configuration', () => {
  it('offline by default: districts and rivers bundled with the app', () => {
    const b = basemapFor(undefined);
    expect(b.kind).toBe('offline');
    expect(b.style).toBe(OFFLINE_STYLE);
    expect(OFFLINE_STYLE.layers.map((l) => l.id)).toEqual(expect.arrayContaining(['districts-fill', 'water-lines', 'districts-line']));
  });

  it('天地图 with a key: its vector map and Chinese annotation, Web Mercator tiles, no offset layer', () => {
    const b = basemapFor('tianditu:abc123');
    expect(b.kind).toBe('tianditu');
    const style = b.style as typeof OFFLINE_STYLE;
    const vec = style.sources['tianditu-vec'] as { type: string; tiles: string[] };
    expect(vec.type).toBe('raster');
    expect(vec.tiles).toHaveLength(8);
    expect(vec.tiles[0]).toBe('https://t0.tianditu.gov.cn/DataServer?T=vec_w&x={x}&y={y}&l={z}&tk=abc123');
    expect((style.sources['tianditu-cva'] as { tiles: string[] }).tiles[7]).toContain('T=cva_w');
    // the jurisdictions and the water stay on top, drawn in the same WGS84 coordinates
    expect(style.layers.map((l) => l.id).slice(0, 3)).toEqual(['tianditu-vec', 'tianditu-cva', 'districts-fill']);
  });

  it('any other value is a MapLibre style URL', () => {
    expect(basemapFor('https://example.org/style.json')).toEqual({ style: 'https://example.org/style.json', kind: 'style-url' });
  });
});
