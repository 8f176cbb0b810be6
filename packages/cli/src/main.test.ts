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

  it("prints a promise's due time as the team's clocks read it", () => {
    const path = file(
      'promise-ny.jsonl',
      conversation('ny', [
        ['customer', 'My card was charged twice. Please fix it.', '2026-11-23T15:00:00Z'],
        [
          'agent',
          "I'm sorry about that. I'll call you back within the hour.",
          '2026-11-23T15:05:00Z',
        ],
      ]),
    );
    const r = calmdesk([
      'analyze',
      '--conversations',
      path,
      '--now',
      '2026-11-23T15:30:00Z',
      '--time-zone',
      'America/New_York',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'follow-up promise due Mon, 23 Nov 2026, 11:05 (America/New_York) [pending]',
    );
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
    expect(Object.keys(report).sort()).toEqual(['afinn', 'engine', 'vader']);
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

  it('measures impoliteness beside the lexicon tools', () => {
    const rows = [
      {
        text: 'Hi! Could you please take a look when you have a moment? Thanks so much.',
        label: 0,
      },
      {
        text: 'Thank you for the quick help, would you mind checking the second link too?',
        label: 0,
      },
      { text: 'Why would you even do that? Read the manual.', label: 1 },
      { text: 'Seriously? Just fix it already.', label: 1 },
    ];
    const path = file('polite.jsonl', rows.map((r) => JSON.stringify(r)).join('\n'));
    const r = calmdesk(['eval', '--task', 'impolite', '--data', path, '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.engine.n).toBe(4);
    expect(report.engine.auc).toBe(1);
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

describe('calmdesk coach', () => {
  const angry = [
    {
      role: 'customer',
      text: 'Where is my refund?! Third time asking!!',
      at: '2026-11-23T10:00:00Z',
    },
  ];

  it('flags blocking phrases with a rewrite and lists the missing steps', () => {
    const input = JSON.stringify({
      conversation: angry,
      draft: "That's our policy, you'll have to wait.",
    });
    const r = calmdesk(['coach', '--json'], input);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(Object.keys(result)).toEqual(expect.arrayContaining(['score', 'findings']));
    const rules = result.findings.map((f: { rule: string }) => f.rule);
    expect(rules).toContain('blocking-phrase');
    expect(result.findings.some((f: { rewrite?: unknown }) => f.rewrite !== undefined)).toBe(true);
    expect(result.missing.map((m: { step: string }) => m.step)).toContain('apology');
    expect(result.score).toBeLessThan(60);
  });

  it('scores a de-escalating draft above a blocking one', () => {
    const good = calmdesk(
      ['coach', '--json'],
      JSON.stringify({
        conversation: angry,
        draft:
          "I'm so sorry you've had to ask three times about your refund, that is really frustrating. I'll make sure it is sent today and I'll email you by 5pm to confirm.",
      }),
    );
    const bad = calmdesk(
      ['coach', '--json'],
      JSON.stringify({ conversation: angry, draft: "That's our policy." }),
    );
    expect(JSON.parse(good.stdout).score).toBeGreaterThan(JSON.parse(bad.stdout).score);
  });

  it('says when a draft leaves the customer question open, quoting it, and what was done well', () => {
    const input = JSON.stringify({
      conversation: [
        {
          role: 'customer',
          text: 'Can I still return the lamp after 30 days?',
          at: '2026-11-23T10:00:00Z',
        },
        { role: 'agent', text: 'One moment please.', at: '2026-11-23T10:01:00Z' },
        { role: 'customer', text: 'Hello? The lamp?', at: '2026-11-23T10:09:00Z' },
      ],
      draft: "I'm sorry for the wait. One moment please.",
    });
    const r = calmdesk(['coach'], input);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Holding line with nothing after it/);
    expect(r.stdout).toMatch(/their question: "Can I still return the lamp after 30 days\?"/);
    expect(r.stdout).toMatch(/done {4}Apologises sincerely/);
  });

  it.each([
    ['', 5, /expected \{"conversation"/],
    ['{"draft": 42}', 4, /bad field "conversation"|bad field "draft"/],
    ['not json', 4, /not valid JSON/],
  ])('rejects bad input %j clearly', (input, code, message) => {
    const r = calmdesk(['coach'], input);
    expect(r.code).toBe(code);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('calmdesk bench', () => {
  it('measures the coach and the conversation analysis with --coach', () => {
    const r = calmdesk(['bench', '--coach', '--runs', '50', '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    for (const key of ['coachReply', 'analyzeConversation']) {
      expect(report[key].p50us).toBeGreaterThan(0);
      expect(report[key].p99us).toBeGreaterThanOrEqual(report[key].p50us);
    }
  });

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

describe('calmdesk on binary input', () => {
  // A PNG's first bytes, then bytes of every value: what a mistaken path hands the CLI.
  const binary = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37) % 256)),
  ]);

  it.each([
    ['analyze', (path: string) => ['analyze', path]],
    ['analyze --conversations', (path: string) => ['analyze', '--conversations', path]],
    ['eval', (path: string) => ['eval', '--data', path]],
  ])('%s refuses a binary file with one line, reading nothing', (_name, args) => {
    const path = join(dir, 'picture.png');
    writeFileSync(path, binary);
    const r = calmdesk(args(path));
    expect(r.code).toBe(4);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/picture\.png: a binary file, not text/);
  });

  it('refuses binary on standard input too', () => {
    const r = spawnSync(process.execPath, [BIN, 'analyze', '-'], {
      input: binary,
      timeout: 60_000,
    });
    expect(r.status).toBe(4);
    expect(r.stderr.toString().trim().split('\n')).toHaveLength(1);
    expect(r.stderr.toString()).toMatch(/stdin: a binary file/);
  });

  it('still reads text with accents, emoji and tabs', () => {
    const path = file('words.txt', 'Très déçu 😡\tpar le service.\nWhere is my refund?\n');
    const r = calmdesk(['analyze', path, '--json']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(2);
  });
});

describe('calmdesk in the app’s words', () => {
  it('coaches a conversation given without times', () => {
    const r = calmdesk(
      ['coach'],
      JSON.stringify({
        conversation: [
          { role: 'customer', text: 'Where is my refund?! Third time asking!!' },
          { role: 'agent', text: 'Let me check.' },
          { role: 'customer', text: 'Still nothing. Unbelievable.' },
        ],
        draft: "That's our policy.",
      }),
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^score \d+\/100/);
    // The step and rule names the web app shows, never the ids.
    expect(r.stdout).toContain('Blocking phrase');
    expect(r.stdout).toContain('missing A sincere apology');
    expect(r.stdout).not.toMatch(/blocking-phrase|missing apology/);
  });

  it('prints the playbook steps and the next action as the app names them', () => {
    const path = file(
      'words.jsonl',
      JSON.stringify({
        id: 'fair',
        messages: [
          {
            role: 'customer',
            text: 'Where is my refund?! Third time asking.',
            at: '2026-11-23T10:00:00Z',
          },
          { role: 'agent', text: "Unfortunately that's our policy.", at: '2026-11-23T10:05:00Z' },
        ],
      }),
    );
    const r = calmdesk(['analyze', '--conversations', path, '--now', '2026-11-23T10:10:00Z']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Ask what they would consider fair');
    expect(r.stdout).toContain('Apologise sincerely');
    expect(r.stdout).not.toMatch(/\basked_fair\b|\bapologised\b|next: [a-z_]+:/);
  });
});
