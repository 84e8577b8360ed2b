import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'yukong-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const cli = (args: string[]) => run('node', ['--import', 'tsx', 'server/planner/rollout-cli.ts', ...args], { cwd: process.cwd(), timeout: 120_000 });

describe('npm run rollout', () => {
  it('runs the Chongqing rollout with a day of traffic and writes summary.json and report.html', async () => {
    const { stdout, stderr } = await cli(['--points', '38,100', '--seed', '1', '--flights-per-point', '2', '--out', dir]);
    expect(stderr).toMatch(/\[#+\.*\]\s+\d+% /);
    expect(stdout).toMatch(/wrote \d+ files/);
    const s = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
    expect(s.phases.map((p: { points: number }) => p.points)).toEqual([38, 100]);
    // county-first: 38 points, one in each of the 38 districts
    expect(s.phases[0].districtsCovered).toBe(38);
    expect(s.phases[1].townshipsWithinRPct).toBeGreaterThan(s.phases[0].townshipsWithinRPct);
    expect(s.phases[1].townshipsWithinRPct).toBeGreaterThan(s.phases[1].baselineTownshipsWithinRPct);
    for (const p of s.phases) {
      expect(p.baseStations).toBeGreaterThan(0);
      expect(p.traffic.flightsRequested).toBeGreaterThan(0);
    }
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toContain('<svg');
    // the same seed gives the same study, file for file
    const again = join(dir, 'again');
    await cli(['--points', '38,100', '--seed', '1', '--flights-per-point', '2', '--out', again]);
    for (const f of ['summary.json', 'rollout.json', 'sites.csv', 'phases.csv', 'coverage.geojson', 'usage-100.json']) {
      expect(readFileSync(join(again, f), 'utf8'), f).toBe(readFileSync(join(dir, f), 'utf8'));
    }
  }, 180_000);

  it('refuses bad arguments with exit code 2 and a message', async () => {
    for (const args of [['--points', '0'], ['--strategy', 'best'], ['--radius-km', 'x'], ['--colour']]) {
      const e = await cli(args).then(
        () => null,
        (err: { code: number; stderr: string }) => err,
      );
      expect(e?.code, args.join(' ')).toBe(2);
      expect(e?.stderr).toMatch(/rollout: /);
    }
  }, 60_000);
});
