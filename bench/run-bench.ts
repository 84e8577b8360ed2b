/** `npm run bench [airspace|service|live|planner|billing|editions|postgis|cluster]`: seeded benchmarks with figures and ratios against baselines in the same run. */
import { printAirspaceBench, runAirspaceBench } from './airspace-bench.js';
import { printServiceBench, runServiceBench } from './service-bench.js';
import { printLiveBench, runLiveBench } from './live-bench.js';
import { printPlannerBench, runPlannerBench } from './planner-bench.js';
import { printBillingBench, runBillingBench } from './billing-bench.js';
import { printEditionsBench, runEditionsBench } from './editions-bench.js';
import { printClusterBench, runClusterBench } from './cluster-bench.js';
import { printPostgisBench, runPostgisBench } from './postgis-bench.js';
import { tuneGc } from '../server/gc-tuning.js';

// the server's garbage-collector settings (server/gc-tuning.ts), as `npm start` runs it
tuneGc();

const only = process.argv[2];
let ok = true;
if (!only || only === 'airspace') ok = printAirspaceBench(await runAirspaceBench()) && ok;
if (!only || only === 'service') ok = printServiceBench(await runServiceBench()) && ok;
if (!only || only === 'live') ok = printLiveBench(await runLiveBench()) && ok;
if (!only || only === 'planner') ok = printPlannerBench(await runPlannerBench()) && ok;
if (!only || only === 'billing') ok = printBillingBench(await runBillingBench()) && ok;
if (!only || only === 'editions') ok = printEditionsBench(await runEditionsBench()) && ok;
if (!only || only === 'postgis') ok = printPostgisBench(await runPostgisBench()) && ok;
if (!only || only === 'cluster') ok = printClusterBench(await runClusterBench()) && ok;
process.exitCode = ok ? 0 : 1;
