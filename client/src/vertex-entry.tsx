/** A vertex typed in (longitude, latitude): the way to draw a polygon without a mouse. */
import { useRef, useState } from 'react';
import type { LngLat } from '../../shared/geo/types.js';
import type { Lang } from './i18n.js';

const TEXT = {
  lng: { zh: '经度', en: 'Longitude' },
  lat: { zh: '纬度', en: 'Latitude' },
  add: { zh: '添加顶点', en: 'Add vertex' },
};

const row = { display: 'flex', gap: 4, flexWrap: 'wrap', alignItems: 'center', fontSize: 12 } as const;

/** Adds the typed vertex (WGS84 degrees; the server judges the shape) and empties the boxes for the next. */
export function VertexEntry({ lang, onAdd, testId }: { lang: Lang; onAdd: (p: LngLat) => void; testId: string }) {
  const [lng, setLng] = useState('');
  const [lat, setLat] = useState('');
  const at: LngLat = [Number(lng), Number(lat)];
  const ok = lng.trim() !== '' && lat.trim() !== '' && Math.abs(at[0]) <= 180 && Math.abs(at[1]) <= 85 && at.every(Number.isFinite);
  const lngBox = useRef<HTMLInputElement>(null);
  const latBox = useRef<HTMLInputElement>(null);
  const add = () => {
    if (!ok) return;
    onAdd(at);
    setLng('');
    setLat('');
    lngBox.current?.focus(); // the next vertex
  };
  // Enter adds the vertex once both are typed (else goes on to the latitude), never the form the boxes sit in
  const onEnter = (x: React.KeyboardEvent<HTMLInputElement>) => {
    if (x.key !== 'Enter') return;
    x.preventDefault();
    if (ok) add();
    else if (lng.trim() !== '') latBox.current?.focus();
  };
  const box = (which: 'lng' | 'lat', ref: React.RefObject<HTMLInputElement | null>, value: string, set: (v: string) => void, limit: number) => (
    <input
      ref={ref}
      aria-label={TEXT[which][lang]}
      placeholder={TEXT[which][lang]}
      type="number"
      step="any"
      min={-limit}
      max={limit}
      value={value}
      onChange={(x) => set(x.target.value)}
      onKeyDown={onEnter}
      style={{ width: 90 }}
    />
  );
  return (
    <div style={row} data-testid={testId}>
      {box('lng', lngBox, lng, setLng, 180)}
      {box('lat', latBox, lat, setLat, 85)}
      <button type="button" disabled={!ok} onClick={add}>
        {TEXT.add[lang]}
      </button>
    </div>
  );
}
