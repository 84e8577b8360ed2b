/**
 * The architecture, as a test: dependencies flow one way (shared ← server, shared ← client),
 * shared/ is pure, routes stay thin (no store), and access is decided only in server/policy/.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const TOP = ['shared', 'server', 'client', 'seeds', 'bench', 'tests'];

function files(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...files(p));
    else if (/\.(ts|tsx)$/.test(name)) out.push(p);
  }
  return out;
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
const NODE = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

interface Source {
  file: string;
  rel: string;
  text: string;
  imports: string[];
}
const sources: Source[] = TOP.flatMap((t) => files(join(ROOT, t))).map((file) => {
  const text = readFileSync(file, 'utf8');
  return { file, rel: relative(ROOT, file), text, imports: [...text.matchAll(IMPORT)].map((m) => m[1] ?? m[2] ?? m[3]) };
});
const isTest = (s: Source) => /\.test\.tsx?$|\.test-util\.ts$/.test(s.rel);
/** The top-level folder a relative import lands in, or null for a package. */
const target = (s: Source, spec: string) => (spec.startsWith('.') ? relative(ROOT, resolve(dirname(s.file), spec)).split('/')[0] : null);
const violations = (pick: (s: Source) => boolean, bad: (s: Source, spec: string) => boolean) =>
  sources.filter(pick).flatMap((s) => s.imports.filter((spec) => bad(s, spec)).map((spec) => `${s.rel} → ${spec}`));

describe('architecture', () => {
  it('finds the code it checks', () => {
    expect(sources.filter((s) => s.rel.startsWith('shared/')).length).toBeGreaterThan(50);
    expect(sources.find((s) => s.rel === 'server/app.ts')?.imports).toContain('./policy/route-guard.js');
  });

  it('shared/ imports nothing from server, client, seeds, bench or tests, and no Node module', () => {
    expect(
      violations(
        (s) => s.rel.startsWith('shared/'),
        (s, spec) => {
          const t = target(s, spec);
          return (t !== null && t !== 'shared' && !(isTest(s) && t === 'tests')) || (!isTest(s) && NODE.has(spec));
        },
      ),
    ).toEqual([]);
  });

  it('client/ imports nothing from server/', () => {
    expect(
      violations(
        (s) => s.rel.startsWith('client/'),
        (s, spec) => target(s, spec) === 'server' || (!isTest(s) && NODE.has(spec)),
      ),
    ).toEqual([]);
  });

  it('routes are thin: they never import the store nor touch it through the context', () => {
    expect(
      violations(
        (s) => s.rel.startsWith('server/routes/'),
        (_s, spec) => /\/store\//.test(spec),
      ),
    ).toEqual([]);
    const touches = sources
      .filter((s) => s.rel.startsWith('server/routes/'))
      .flatMap((s) => [...s.text.matchAll(/\bctx\.(db|plans|audit|principals|zones|idempotency)\b|\.repo\./g)].map((m) => `${s.rel}: ${m[0]}`));
    expect(touches).toEqual([]);
  });

  it('access is decided in server/policy only: no role or jurisdiction comparisons elsewhere in the server', () => {
    const decisions = sources
      .filter((s) => s.rel.startsWith('server/') && !s.rel.startsWith('server/policy/') && !isTest(s))
      .flatMap((s) => [...s.text.matchAll(/\b(?:principal|actor|p|c\.principal|req\.principal)\.(?:role|stationId|operatorId)\s*[!=]==/g)].map((m) => `${s.rel}: ${m[0]}`));
    expect(decisions).toEqual([]);
  });

  it('no bare catch {} swallows an error in the server or shared code', () => {
    const bare = sources.filter((s) => /^(server|shared)\//.test(s.rel) && !isTest(s)).flatMap((s) => [...s.text.matchAll(/catch\s*\{\s*(?:\/\*[^*]*\*\/\s*)?\}/g)].map((m) => `${s.rel}: ${m[0]}`));
    expect(bare).toEqual([]);
  });
});
