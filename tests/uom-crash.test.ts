/**
 * UOM delivery survives kill -9: the real server (entry point, simulation on, real registry) runs
 * against a receiver on loopback that fails, stalls, drops connections and answers at random
 * (seeded); the server is killed with SIGKILL twice under load and started again on the same
 * database. At the end every record the database holds was delivered, the receiver holds nothing
 * the database does not, and every copy of a record it received twice is the same record.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Value } from '@sinclair/typebox/value';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import '../shared/schemas/formats.js';
import { UomRecordSchema } from '../shared/schemas/uom.js';
import { createPrng } from '../shared/util/prng.js';
import { exited, killAll, startServer as startServerProc, until } from './helpers/server-procs.js';

const ADMIN = 'crash-admin-token';

interface ChaosReceiver {
  url: string;
  /** every copy received, by record id (the JSON of the record) */
  copies: Map<string, string[]>;
  invalid: string[];
  outcomes: Record<'ok' | 'fail' | 'stall' | 'reset', number>;
  /** from now on: answer every request */
  heal: () => void;
  close: () => Promise<void>;
}

/** A receiver that answers 503 (20 %), stores then never answers (10 %), stores then drops the connection (10 %), else stores and answers 200. */
async function startChaosReceiver(seed: number): Promise<ChaosReceiver> {
  const rng = createPrng(seed);
  const copies = new Map<string, string[]>();
  const invalid: string[] = [];
  const outcomes = { ok: 0, fail: 0, stall: 0, reset: 0 };
  let healed = false;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r = healed ? 1 : rng.next();
      if (r < 0.2) {
        outcomes.fail++;
        res.writeHead(503).end('{"error":"busy"}');
        return;
      }
      const batch = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { records: { id: string }[] };
      for (const rec of batch.records) {
        if (!Value.Check(UomRecordSchema, rec)) invalid.push(rec.id);
        const list = copies.get(rec.id) ?? [];
        list.push(JSON.stringify(rec));
        copies.set(rec.id, list);
      }
      if (r < 0.3) {
        outcomes.stall++; // stored, but the answer never comes: the sender times out and sends again
        return;
      }
      if (r < 0.4) {
        outcomes.reset++;
        req.socket.destroy();
        return;
      }
      outcomes.ok++;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/uom/records`,
    copies,
    invalid,
    outcomes,
    heal: () => {
      healed = true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const dir = mkdtempSync(join(tmpdir(), 'yukong-crash-'));
afterAll(() => {
  killAll();
  rmSync(dir, { recursive: true, force: true });
});

/** The real entry point on the test's database, ready when /health answers. */
const startServer = (env: Record<string, string>) => startServerProc({ YUKONG_DB: join(dir, 'yukong.db'), YUKONG_ADMIN_TOKEN: ADMIN, ...env });

describe('UOM delivery across kill -9', () => {
  it('every record is delivered, none is lost or invented, a record received twice is the same record', { timeout: 300_000 }, async () => {
    const rx = await startChaosReceiver(20261128);
    try {
      const env = {
        YUKONG_SIM: 'on',
        YUKONG_SIM_SPEED: '60',
        YUKONG_SIM_DEMAND: '1500',
        YUKONG_SIM_WARMUP_MIN: '0',
        YUKONG_UOM_URL: rx.url,
        YUKONG_UOM_TIMEOUT_S: '0.4',
        YUKONG_UOM_BACKOFF_MAX_S: '0.3',
      };
      const received = () => rx.copies.size;
      // two runs under load, each killed with SIGKILL while the receiver misbehaves
      for (const [run, atLeast] of [
        [1, 150],
        [2, 400],
      ] as const) {
        const s = await startServer(env);
        await until(`run ${run}: records arriving`, () => (received() >= atLeast ? true : undefined), 120_000); // generous: other test files share the machine
        await sleep(700 + run * 300);
        await s.kill();
        expect(s.child.signalCode, s.log()).toBe('SIGKILL');
      }
      // a third run without new traffic delivers what is left; the receiver is still unreliable at first
      const last = await startServer({ ...env, YUKONG_SIM: 'off' });
      await sleep(1500);
      rx.heal();
      const status = await until(
        'the outbox drains',
        async () => {
          const r = (await fetch(`${last.base}/api/v1/uom/outbox`, { headers: { authorization: `Bearer ${ADMIN}` } }).then((x) => x.json())) as { pending: number; failed: number; delivered: number };
          return r.pending === 0 ? r : undefined;
        },
        60_000,
      );
      last.child.kill('SIGTERM');
      await exited(last.child);
      expect(status.failed).toBe(0);

      const db = new Database(join(dir, 'yukong.db'), { readonly: true });
      const rows = db.prepare('SELECT id, kind, state, body FROM uom_outbox').all() as { id: string; kind: string; state: string; body: string }[];
      const planned = db.prepare("SELECT id FROM plans WHERE state IN ('approved', 'active', 'completed')").all() as { id: string }[];
      const withRecord = new Set((db.prepare('SELECT DISTINCT plan_id AS id FROM uom_outbox WHERE plan_id IS NOT NULL').all() as { id: string }[]).map((r) => r.id));
      db.close();

      // the chaos happened: failures, stalls and resets, and records received more than once
      expect(rx.outcomes.fail).toBeGreaterThan(0);
      expect(rx.outcomes.stall + rx.outcomes.reset).toBeGreaterThan(0);
      const duplicated = [...rx.copies.values()].filter((c) => c.length > 1).length;
      expect(duplicated).toBeGreaterThan(0);
      // the kinds of records all flowed: plan changes and positions of registered aircraft
      const kinds = new Set(rows.map((r) => r.kind));
      expect(kinds.has('plan.approved')).toBe(true);
      expect(kinds.has('track.positions')).toBe(true);
      // every record in the database was delivered, and received
      expect(rows.filter((r) => r.state !== 'delivered').map((r) => r.id)).toEqual([]);
      const byId = new Map(rows.map((r) => [r.id, r.body]));
      expect(rows.filter((r) => !rx.copies.has(r.id)).map((r) => r.id)).toEqual([]);
      // nothing received that the database does not hold (no record survived only in memory)
      expect([...rx.copies.keys()].filter((id) => !byId.has(id))).toEqual([]);
      // every copy is the record as stored
      for (const [id, copies] of rx.copies) for (const c of copies) expect(JSON.parse(c), id).toEqual(JSON.parse(byId.get(id) as string));
      expect(rx.invalid).toEqual([]);
      // every plan UOM must know about (approved, flown) has its records
      expect(planned.length).toBeGreaterThan(0);
      expect(planned.filter((p) => !withRecord.has(p.id)).map((p) => p.id)).toEqual([]);
    } finally {
      await rx.close();
    }
  });
});
