/** A small SVG line chart for the planner page (points on x, one line per series; the legend below the plot, nothing cut off at the edges). */
export interface ChartSeries {
  name: string;
  colour: string;
  points: [number, number][];
}

export function MiniChart({ title, series, yMax, testId }: { title: string; series: ChartSeries[]; yMax?: number; testId?: string }) {
  const W = 320,
    plotH = 150,
    L = 36,
    R = 20,
    T = 18,
    B = 22,
    H = plotH + series.length * 12 + 4;
  const xs = series.flatMap((s) => s.points.map((p) => p[0]));
  const x1 = Math.max(1, ...xs);
  const y1 = yMax ?? Math.max(1, ...series.flatMap((s) => s.points.map((p) => p[1]))) * 1.1;
  const toX = (x: number) => L + (x / x1) * (W - L - R);
  const toY = (y: number) => plotH - B - (y / y1) * (plotH - T - B);
  return (
    <svg data-testid={testId} viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={title} style={{ background: '#fff', border: '1px solid #eee' }}>
      <text x={W / 2} y={12} textAnchor="middle" fontSize={11} fontWeight={600}>
        {title}
      </text>
      <line x1={L} x2={L} y1={T} y2={plotH - B} stroke="#555" />
      <line x1={L} x2={W - R} y1={plotH - B} y2={plotH - B} stroke="#555" />
      {[0, 0.5, 1].map((f) => (
        <text key={f} x={L - 3} y={toY(y1 * f) + 3} textAnchor="end" fontSize={9}>
          {Math.round(y1 * f)}
        </text>
      ))}
      {[...new Set(xs)]
        .sort((a, b) => a - b)
        .map((x) => (
          <text key={x} x={toX(x)} y={plotH - 8} textAnchor="middle" fontSize={9}>
            {x}
          </text>
        ))}
      {series.map((s, i) => (
        <g key={s.name}>
          <polyline
            fill="none"
            stroke={s.colour}
            strokeWidth={2}
            points={[...s.points]
              .sort((a, b) => a[0] - b[0])
              .map(([x, y]) => `${toX(x)},${toY(y)}`)
              .join(' ')}
          />
          {s.points.map(([x, y]) => (
            <circle key={x} cx={toX(x)} cy={toY(y)} r={2.5} fill={s.colour}>
              <title>{`${s.name}: ${x} → ${Math.round(y * 10) / 10}`}</title>
            </circle>
          ))}
          <rect x={L} y={plotH + 2 + i * 12} width={8} height={8} fill={s.colour} />
          <text x={L + 11} y={plotH + 9 + i * 12} fontSize={9}>
            {s.name}
          </text>
        </g>
      ))}
    </svg>
  );
}
