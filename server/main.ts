/** Entry point: builds the app, listens, and shuts down cleanly on SIGINT/SIGTERM. */
import { buildApp } from './app.js';
import { configFromEnv } from './config.js';
import { startLiveLoop } from './live/live-loop.js';
import { tuneGc } from './gc-tuning.js';

tuneGc();

const config = configFromEnv();
const app = await buildApp({ config, logger: true }).catch((e: Error) => {
  // e.g. the store's marker says data was written but the database file is empty (server/store/database.ts)
  console.error(`Yukong cannot start: ${e.message}`);
  process.exit(1);
});
await app.listen({ port: config.port, host: config.host });
const stopLive = startLiveLoop(app);
const cluster = app.yukong.cluster;
// PostgreSQL gone or not answering: stop, so the supervisor starts this server again (the others go on)
const pg = cluster?.db.client;
if (pg)
  pg.fatal = (message) => {
    console.error(`Yukong stops: the store is unreachable (${message})`);
    process.exit(1);
  };
// stalled so long that the others' changes it had not read may be gone: stop, so the supervisor starts it afresh
if (cluster)
  cluster.onLostTrack = (why) => {
    console.error(`Yukong stops: ${why}`);
    process.exit(1);
  };
if (config.adminTokenGenerated) console.log(`admin token (set YUKONG_ADMIN_TOKEN to fix it): ${config.adminToken}`);
console.log(`Yukong listening on http://${config.host}:${config.port} (scenario ${config.scenario}, simulation ${config.sim ? `on ×${config.simSpeed}` : 'off'})`);

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    stopLive();
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
