// Runs the PostgreSQL suite (vitest project "pg") when YUKONG_TEST_PG names a server the tests may
// create databases on (.ci/run starts a throwaway one: scripts/pg-local.sh); says so when it does not.
import { spawnSync } from 'node:child_process';

if (!process.env.YUKONG_TEST_PG) {
  console.log('PostgreSQL suite SKIPPED: YUKONG_TEST_PG is not set (e.g. YUKONG_TEST_PG=$(scripts/pg-local.sh start /tmp/yukong-pg); .ci/run does this)');
  process.exit(0);
}
console.log(`PostgreSQL suite on ${process.env.YUKONG_TEST_PG.replace(/:[^:@/]*@/, ':***@')}`);
const r = spawnSync('npx', ['vitest', 'run', '--project', 'pg'], { stdio: 'inherit' });
process.exit(r.status ?? 1);
