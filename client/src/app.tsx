import { useEffect, useState } from 'react';

interface Health { status: string; scenario: string; stations: Record<string, number>; landingPoints: number; zones: number }

/** Start page: system status. The operator console and pilot portal build on this shell. */
export function App() {
  const [health, setHealth] = useState<Health | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    fetch('/api/v1/health').then((r) => r.json()).then(setHealth, (e: Error) => setError(e.message));
  }, []);
  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', padding: 24 }}>
      <h1>渝空 Yukong</h1>
      <p>重庆低空飞行服务站 · Chongqing low-altitude flight-service stations</p>
      {error && <p role="alert">服务不可用 / server unavailable: {error}</p>}
      {health && (
        <dl data-testid="health">
          <dt>状态 Status</dt><dd>{health.status}</dd>
          <dt>场景 Scenario</dt><dd>{health.scenario}</dd>
          <dt>服务站 Stations</dt><dd>A {health.stations.A} · B {health.stations.B} · X {health.stations.X}</dd>
          <dt>起降点 Landing points</dt><dd>{health.landingPoints}</dd>
          <dt>空域 Zones</dt><dd>{health.zones}</dd>
        </dl>
      )}
    </main>
  );
}
