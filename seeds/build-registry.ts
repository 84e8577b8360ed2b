/** Writes seeds/chongqing/registry.json from the builder (run on purpose: `npm run seed:build`). */
import { writeFileSync } from 'node:fs';
import { buildRegistry } from './chongqing-registry.js';

writeFileSync(new URL('./chongqing/registry.json', import.meta.url), `${JSON.stringify(buildRegistry(), null, 1)}\n`);
