/** District names and boxes from the bundled district boundaries (pure, tested): an operator's map opens on its jurisdiction. */
export interface DistrictFeature {
  properties: { adcode: string | number; name: string };
  geometry: { type: string; coordinates: unknown };
}

export interface DistrictIndex {
  names: Record<string, string>;
  boxes: Record<string, [number, number, number, number]>;
}

function extend(box: [number, number, number, number] | null, c: unknown): [number, number, number, number] | null {
  if (Array.isArray(c) && typeof c[0] === 'number') {
    const [x, y] = c as [number, number];
    return box ? [Math.min(box[0], x), Math.min(box[1], y), Math.max(box[2], x), Math.max(box[3], y)] : [x, y, x, y];
  }
  let b = box;
  if (Array.isArray(c)) for (const x of c) b = extend(b, x);
  return b;
}

export function districtIndex(features: DistrictFeature[]): DistrictIndex {
  const names: Record<string, string> = {};
  const boxes: Record<string, [number, number, number, number]> = {};
  for (const f of features) {
    const code = String(f.properties.adcode);
    names[code] = f.properties.name;
    const b = extend(null, f.geometry.coordinates);
    if (b) boxes[code] = b;
  }
  return { names, boxes };
}

/** The box around the given districts, or null (the A station, or districts unknown). */
export function jurisdictionBox(index: DistrictIndex, adcodes: string[] | 'all' | undefined): [number, number, number, number] | null {
  if (!adcodes || adcodes === 'all') return null;
  let box: [number, number, number, number] | null = null;
  for (const a of adcodes) {
    const b = index.boxes[a];
    if (b) box = box ? [Math.min(box[0], b[0]), Math.min(box[1], b[1]), Math.max(box[2], b[2]), Math.max(box[3], b[3])] : b;
  }
  return box;
}
