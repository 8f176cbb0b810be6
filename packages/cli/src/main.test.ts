import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

// The tests run the real command, as a user would after the README's set-up (build included).
const BIN = fileURLToPath(new URL('../bin/calmdesk.js', import.meta.url));

function calmdesk(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    input,
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let dir: string;
const file = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

const LABELLED = [
  { text: 'Where is my refund? Third time asking, this is ridiculous.', label: 1 },
  { text: 'My package never arrived and nobody replies. Awful service.', label: 1 },
  { text: 'I was charged twice and support keeps ignoring me.', label: 1 },
  { text: 'Thanks, the new router works great!', label: 0 },
  { text: 'What time do you open on Sunday?', label: 0 },
  { text: 'Lovely staff at the shop today, thank you.', label: 0 },
  { text: 'A row outside the task', label: null },
];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'calmdesk-cli-'));
});

describe('calmdesk analyze', () => {
  it('prints one JSON line per message, plain or JSON input', () => {
    const path = file(
      'messages.txt',
      [
        'Hello, when will my order ship?',
        '',
        JSON.stringify({ text: "I'm calling my lawyer about this double charge!!!" }),
      ].join('\n'),
    );
    const r = calmdesk(['analyze', path, '--json']);
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(lines[0].line).toBe(1);
    expect(lines[1].line).toBe(3);
    expect(lines[1].threats).toContain('legal');
    expect(lines[1].temperature).toBeGreaterThan(lines[0].temperature);
  });

  it('reads standard input and prints a readable summary', () => {
    const r = calmdesk(['analyze', '-'], 'WHY IS MY PARCEL STILL MISSING???\n');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/shouting/);
    expect(r.stdout).toMatch(/°/);
  });
});

describe('calmdesk analyze --conversations', () => {
  const conversation = (id: string, messages: Array<[string, string, string]>) =>
    JSON.stringify({ id, messages: messages.map(([role, text, at]) => ({ role, text, at })) });

  it('prints the arc, the playbook, the recommendations and the promises of each conversation', () => {
    const path = file(
      'conversations.jsonl',
      [
        conversation('manager', [
          ['customer', 'Where is my refund?! Third time asking.', '2026-11-23T10:00:00Z'],
          ['agent', "Unfortunately that's our policy.", '2026-11-23T10:05:00Z'],
          ['customer', 'I want to speak to your manager. Now.', '2026-11-23T10:06:00Z'],
        ]),
        conversation('promise', [
          ['customer', 'My card was charged twice. Please fix it.', '2026-11-23T10:00:00Z'],
          [
            'agent',
            "I'm sorry about that. I'll call you back within the hour.",
            '2026-11-23T10:05:00Z',
          ],
        ]),
      ].join('\n'),
    );
    const r = calmdesk([
      'analyze',
      '--conversations',
      path,
      '--json',
      '--now',
      '2026-11-23T12:00:00Z',
      '--time-zone',
      'Europe/London',
    ]);
    expect(r.code).toBe(0);
    const [manager, promise] = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(manager.id).toBe('manager');
    expect(manager.temperatures).toHaveLength(2);
    expect(manager.escalation.recommended).toBe(true);
    expect(manager.playbook.map((s: { step: string }) => s.step)).toContain('apologised');
    const callback = promise.followUps.find((f: { kind: string }) => f.kind === 'promise');
    expect(callback.due).toBe('2026-11-23T11:05:00.000Z');
    expect(callback.status).toBe('missed');
  });

  it('names the line and the field of a malformed conversation', () => {
    const path = file(
      'bad-conversations.jsonl',
      JSON.stringify({ id: 'x', messages: [{ role: 'boss', text: 'hi', at: 'now' }] }),
    );
    const r = calmdesk(['analyze', '--conversations', path]);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/line 1 has a bad field "messages.0.role"/);
  });

  it('rejects an unknown time zone', () => {
    const path = file('one.jsonl', conversation('a', [['customer', 'hi', '2026-11-23T10:00:00Z']]));
    const r = calmdesk(['analyze', '--conversations', path, '--time-zone', 'Mars/Olympus']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown time zone "Mars\/Olympus"/);
  });
});

describe('calmdesk eval', () => {
  it('prints the same figures for the engine and both lexicon tools as JSON', () => {
    const path = file('labelled.jsonl', LABELLED.map((r) => JSON.stringify(r)).join('\n'));
    const r = calmdesk(['eval', '--task', 'upset', '--data', path, '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    for (const tool of ['engine', 'vader', 'afinn']) {
      expect(Object.keys(report[tool]).sort()).toEqual(
        ['accuracy', 'auc', 'f1', 'macroF1', 'n', 'precision', 'recall'].sort(),
      );
      expect(report[tool].n).toBe(6);
    }
    expect(report.engine.auc).toBe(1);
  });

  it('says which line is not JSON, and goes on past it when asked', () => {
    const path = file(
      'bad.jsonl',
      `${JSON.stringify(LABELLED[0])}\n{not json\n${JSON.stringify(LABELLED[3])}\n`,
    );
    const stop = calmdesk(['eval', '--data', path]);
    expect(stop.code).toBe(4);
    expect(stop.stderr).toMatch(/line 2 is not valid JSON/);
    expect(stop.stderr.trim().split('\n')).toHaveLength(1);
    const go = calmdesk(['eval', '--data', path, '--skip-bad-lines', '--json']);
    expect(go.code).toBe(0);
    expect(go.stderr).toMatch(/line 2/);
    expect(JSON.parse(go.stdout).engine.n).toBe(2);
  });

  it.each([
    [['eval', '--data', '/no/such/file.jsonl'], 3, /no such file/],
    [['eval', '--task', 'happiness', '--data', '/dev/null'], 2, /unknown task "happiness"/],
    [['analyze', '/no/such/file.txt'], 3, /no such file/],
    [['bench', '--data', '/no/such/file.jsonl'], 3, /no such file/],
  ])('fails clearly for %j', (args, code, message) => {
    const r = calmdesk(args);
    expect(r.code).toBe(code);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('fails clearly on an empty file', () => {
    const r = calmdesk(['eval', '--data', file('empty.jsonl', '\n\n')]);
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/no records/);
  });
});

describe('calmdesk bench', () => {
  it('measures the engine and both lexicon tools in one run', () => {
    const path = file(
      'bench.jsonl',
      LABELLED.map((r) => JSON.stringify({ text: r.text })).join('\n'),
    );
    const r = calmdesk(['bench', '--data', path, '--seconds', '0.05', '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    for (const tool of ['engine', 'vader', 'afinn']) {
      expect(report[tool].msgsPerSec).toBeGreaterThan(0);
      expect(report[tool].p99us).toBeGreaterThanOrEqual(report[tool].p50us);
    }
  });
});
