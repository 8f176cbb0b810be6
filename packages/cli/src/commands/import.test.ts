import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '@calmdesk/server';
import { exportList } from '@calmdesk/server';
import { exportToFile } from './export.js';
import { importFiles } from './import.js';

const BIN = fileURLToPath(new URL('../../bin/calmdesk.js', import.meta.url));
const GENERATOR = fileURLToPath(
  new URL('../../../../scripts/generate-history.mjs', import.meta.url),
);
const fixture = (name: string) =>
  fileURLToPath(new URL(`./import-fixtures/${name}`, import.meta.url));

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'calmdesk-import-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const quiet = { write: () => true, isTTY: false } as unknown as NodeJS.WriteStream;

function importInto(dataDir: string, file: string) {
  return importFiles({
    files: [fixture(file)],
    format: 'jsonl',
    config: { dataDir },
    progressStream: quiet,
  });
}

describe('calmdesk import', () => {
  it('imports the readable messages, counts the unreadable ones, and adds nothing the second time', async () => {
    const dataDir = join(dir, 'twice');
    const first = await importInto(dataDir, 'messages.jsonl');
    // Lines 1, 2, 3 and 6 are messages; 4 is cut off and 5 has only blanks for text.
    expect(first).toMatchObject({ imported: 4, duplicates: 0, failed: 2 });
    const second = await importInto(dataDir, 'messages.jsonl');
    expect(second).toMatchObject({ imported: 0, duplicates: 4, failed: 2 });
    const store = await openStore({ dataDir, databaseUrl: undefined });
    try {
      const conversations = [];
      for await (const c of exportList(store, 'conversations')) conversations.push(c);
      expect(conversations.map((c) => c.externalId).sort()).toEqual(['case-88', 'case-91']);
      expect(conversations.find((c) => c.externalId === 'case-88')?.messageCount).toBe(3);
    } finally {
      await store.close();
    }
  });

  it('import mode raises nothing: no live events, and an old promise is history, not pending or missed', async () => {
    const dataDir = join(dir, 'quiet');
    await importInto(dataDir, 'messages.jsonl');
    const store = await openStore({ dataDir, databaseUrl: undefined });
    try {
      expect(await store.listEventsAfter(0, 100)).toEqual([]);
      const followUps = await store.listFollowUps({ limit: 100 });
      // The agent's "I'll call you back tomorrow at 10am" of March 2025.
      expect(followUps.length).toBeGreaterThan(0);
      expect(followUps.every((f) => f.status === 'history')).toBe(true);
      const conversations = [];
      for await (const c of exportList(store, 'conversations')) conversations.push(c);
      expect(conversations.every((c) => c.outcome !== 'escalated')).toBe(true);
      // The signs of the imported customer messages are queryable without reading them again.
      const signals = await store.listMessageSignals({ limit: 100 });
      expect(signals.length).toBeGreaterThan(0);
      const heated = conversations.find((c) => c.externalId === 'case-88')!;
      expect(signals.some((s) => s.conversationId === heated.id)).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('exports what was imported: conversations as CSV, the old promise as a history follow-up in JSON lines', async () => {
    const dataDir = join(dir, 'export');
    await importInto(dataDir, 'messages.jsonl');
    const csvFile = join(dir, 'conversations.csv');
    const rows = await exportToFile({
      list: 'conversations',
      format: 'csv',
      out: csvFile,
      config: { dataDir },
    });
    expect(rows).toBe(2);
    const lines = readFileSync(csvFile, 'utf8').trim().split('\n');
    expect(lines[0]).toMatch(/^id,externalId,contact,channel,subject,status,theme,problem,/);
    expect(lines.filter((l) => l.includes('case-88'))).toHaveLength(1);
    const jsonFile = join(dir, 'follow-ups.jsonl');
    await exportToFile({ list: 'follow-ups', format: 'jsonl', out: jsonFile, config: { dataDir } });
    const followUps = readFileSync(jsonFile, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(followUps.length).toBeGreaterThan(0);
    expect(followUps[0]).toMatchObject({ conversationExternalId: 'case-88', status: 'history' });
  });

  it('picks up where it stopped after the process is killed mid-import, storing each message once', async () => {
    const total = 6000;
    const file = join(dir, 'big.jsonl');
    const generated = spawnSync(
      process.execPath,
      [GENERATOR, '--messages', String(total), '--out', file],
      { encoding: 'utf8' },
    );
    expect(generated.status).toBe(0);
    const dataDir = join(dir, 'killed');
    const args = [BIN, 'import', file, '--format', 'jsonl', '--data-dir', dataDir, '--json'];
    const child = spawn(process.execPath, args, { stdio: 'ignore' });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    const count = () => {
      try {
        const db = new Database(join(dataDir, 'calmdesk.sqlite'), {
          readonly: true,
          fileMustExist: true,
        });
        try {
          return (db.prepare('select count(*) as n from messages').get() as { n: number }).n;
        } finally {
          db.close();
        }
      } catch {
        return 0;
      }
    };
    // Killed (no chance to clean up) once the first batch is committed, before the end.
    const deadline = Date.now() + 120_000;
    while (count() === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGKILL');
    await exited;
    const before = count();
    expect(before).toBeGreaterThan(0);
    expect(before).toBeLessThan(total);

    const rerun = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 240_000 });
    expect(rerun.status).toBe(0);
    const summary = JSON.parse(rerun.stdout) as Record<string, number>;
    expect(summary.imported! + summary.duplicates!).toBe(total);
    expect(summary.imported).toBe(total - before);
    expect(count()).toBe(total);
  }, 300_000);
});
