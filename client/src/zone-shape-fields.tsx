/** A zone's outline in a form: a circle (centre and radius, typed) or a polygon whose vertices are clicked on the map. */
import { distinctVertices, type MapDrawing } from './map-drawing.js';
import { EDITION_TEXT as E } from './edition-text.js';
import { fillText } from './i18n-plans.js';
import type { Lang } from './i18n.js';
import { VertexEntry } from './vertex-entry.js';

export type ZoneShape = 'circle' | 'polygon';

const row = { display: 'flex', gap: 4, flexWrap: 'wrap', alignItems: 'center', fontSize: 12 } as const;

/** The choice of outline, and for a polygon the drawing's controls and how many vertices it has. */
export function ZoneShapeFields({ lang, shape, setShape, draw }: { lang: Lang; shape: ZoneShape; setShape: (s: ZoneShape) => void; draw: MapDrawing }) {
  const n = distinctVertices(draw.points).length;
  return (
    <>
      <label style={row}>
        {E.fShape[lang]}{' '}
        <select
          data-testid="change-shape"
          value={shape}
          onChange={(x) => {
            setShape(x.target.value as ZoneShape);
            draw.setDrawing(false);
            draw.clearPoints();
          }}
        >
          <option value="circle">{E.shapeCircle[lang]}</option>
          <option value="polygon">{E.shapePolygon[lang]}</option>
        </select>
      </label>
      {shape === 'polygon' && (
        <div style={row}>
          <button type="button" data-testid="change-draw" aria-pressed={draw.drawing} onClick={() => draw.setDrawing(!draw.drawing)}>
            {draw.drawing ? E.drawDone[lang] : E.drawVertices[lang]}
          </button>
          <button type="button" disabled={!n} onClick={draw.clearPoints}>
            {E.drawClear[lang]}
          </button>
          <span data-testid="change-vertices" aria-live="polite" style={{ color: n >= 3 ? '#555' : '#b71c1c' }}>
            {n >= 3 ? fillText(E.vertexCount[lang], { n }) : E.needThreeVertices[lang]}
          </span>
        </div>
      )}
      {shape === 'polygon' && draw.add && <VertexEntry lang={lang} onAdd={draw.add} testId="change-vertex-entry" />}
    </>
  );
}
