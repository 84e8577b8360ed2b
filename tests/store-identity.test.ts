/** A database file that was written must not silently come back empty: the marker beside it says so. */
import { existsSync, mkdtempSync, readFileSync, rmSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../server/app.js';
import { configFromEnv } from '../server/config.js';
import { markerPath, StoreIntegrityError } from '../server/store/database.js';

let dir: string;
let dbPath: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'yukong-id-'));
  dbPath = join(dir, 'y.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const start = () => buildApp({ config: configFromEnv({ YUKONG_DB: dbPath, YUKONG_ADMIN_TOKEN: 'adm', YUKONG_SIM: 'off', YUKONG_SCENARIO: 'empty' }) });

async function startAndWrite() {
  const app = await start();
  const r = await app.inject({ method: 'POST', url: '/api/v1/principals', headers: { authorization: 'Bearer adm' }, payload: { role: 'viewer', name: 'v' } });
  expect(r.statusCode).toBe(201);
  await app.close();
}

describe('database identity', () => {
  it('a new database writes its marker; a restart on the same file is fine', async () => {
    await startAndWrite();
    expect(existsSync(markerPath(dbPath))).toBe(true);
    const id = JSON.parse(readFileSync(markerPath(dbPath), 'utf8')).databaseId;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const again = await start();
    expect(again.yukong.services.principals.count()).toBe(1);
    await again.close();
  });

  it('refuses to start on a truncated (0-byte) file, a missing file, a file without schema, or another database', async () => {
    await startAndWrite();
    truncateSync(dbPath, 0);
    for (const ext of ['-wal', '-shm']) if (existsSync(dbPath + ext)) unlinkSync(dbPath + ext);
    await expect(start()).rejects.toThrow(/empty \(0 bytes\).*refusing to start/);
    unlinkSync(dbPath);
    await expect(start()).rejects.toThrow(StoreIntegrityError);
    writeFileSync(dbPath, ''); // sqlite would happily create a schema in an empty file
    await expect(start()).rejects.toThrow(/empty/);
    // another database in its place
    const marker = readFileSync(markerPath(dbPath), 'utf8');
    unlinkSync(dbPath);
    unlinkSync(markerPath(dbPath));
    await startAndWrite();
    writeFileSync(markerPath(dbPath), marker);
    await expect(start()).rejects.toThrow(/is database .* not /);
  });

  it('deleting the marker is how one starts afresh on purpose', async () => {
    await startAndWrite();
    truncateSync(dbPath, 0);
    for (const ext of ['-wal', '-shm']) if (existsSync(dbPath + ext)) unlinkSync(dbPath + ext);
    unlinkSync(markerPath(dbPath));
    const app = await start();
    expect(app.yukong.services.principals.count()).toBe(0);
    await app.close();
  });
});
