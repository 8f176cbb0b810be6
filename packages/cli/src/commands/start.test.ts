import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The real command, as a user runs it after the README's set-up (build included).
const BIN = fileURLToPath(new URL('../../bin/calmdesk.js', import.meta.url));
const PASSWORD = 'correct horse battery staple';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'calmdesk-start-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function cli(args: string[], input?: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    input,
    timeout: 60_000,
    env: { ...process.env, ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface Server {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
}

/** Starts `calmdesk start` on a free port and waits until it says where it listens. */
async function startServer(dataDir: string, extra: string[] = []): Promise<Server> {
  const child = spawn(
    process.execPath,
    [BIN, 'start', '--port', '0', '--data-dir', dataDir, ...extra],
    {
      env: { ...process.env, CALMDESK_SCHEDULER_INTERVAL_MS: '200' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 30_000);
    const check = () => {
      const m = /listening on (http:\/\/[^\s]+)/.exec(output);
      if (m?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout?.on('data', check);
    void exited.then(() => reject(new Error(`server exited:\n${output}`)));
  });
  return { child, url, output: () => output, exited };
}

/** Waits until the server has printed `text`. */
async function printed(server: Server, text: string): Promise<void> {
  for (let i = 0; i < 100 && !server.output().includes(text); i += 1) {
    await new Promise((r) => setTimeout(r, 50));
  }
  expect(server.output()).toContain(text);
}

async function signIn(url: string, email: string) {
  const r = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  expect(r.status).toBe(200);
  const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await r.json()) as { csrfToken: string };
  return { cookie, csrfToken };
}

describe('calmdesk start', () => {
  it('refuses a wrong setting, naming it, before starting', () => {
    const r = cli(['start', '--port', '99999', '--data-dir', join(dir, 'x')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('CALMDESK_PORT (--port)');
    const tz = cli(['start', '--data-dir', join(dir, 'x')], undefined, {
      CALMDESK_TIME_ZONE: 'Mars/Olympus',
    });
    expect(tz.code).toBe(2);
    expect(tz.stderr).toContain('CALMDESK_TIME_ZONE');
  });

  it('adds a user with a password from standard input, and never accepts a short one', () => {
    const dataDir = join(dir, 'users');
    const short = cli(
      [
        'user',
        'add',
        '--email',
        'a@example.com',
        '--name',
        'A',
        '--password-stdin',
        '--data-dir',
        dataDir,
      ],
      'short',
    );
    expect(short.code).toBe(4);
    expect(short.stderr).toContain('at least 12 characters');
    const ok = cli(
      [
        'user',
        'add',
        '--role',
        'admin',
        '--email',
        'Admin@Example.com',
        '--name',
        'Ada Admin',
        '--password-stdin',
        '--data-dir',
        dataDir,
      ],
      `${PASSWORD}\n`,
    );
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('Added admin Ada Admin <admin@example.com>');
    const again = cli(
      [
        'user',
        'add',
        '--email',
        'admin@example.com',
        '--name',
        'B',
        '--password-stdin',
        '--data-dir',
        dataDir,
      ],
      `${PASSWORD}\n`,
    );
    expect(again.code).toBe(4);
    expect(again.stderr).toContain('exists already');
  });

  it('on a first start without users, explains how to create the first admin; no default password works', async () => {
    const server = await startServer(join(dir, 'first-run'));
    try {
      await printed(server, 'No users yet');
      expect(server.output()).toContain('calmdesk user add --role admin');
      const setup = (await (await fetch(`${server.url}/api/v1/setup`)).json()) as {
        needed: boolean;
      };
      expect(setup.needed).toBe(true);
      for (const password of ['admin', 'password', 'calmdesk', 'changeme']) {
        const r = await fetch(`${server.url}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'admin@example.com', password }),
        });
        expect(r.status).toBe(401);
      }
    } finally {
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
    }
  });

  it('with --demo, serves realistic conversations at once and prints one-time passwords', async () => {
    const server = await startServer(join(dir, 'demo'), ['--demo']);
    try {
      await printed(server, 'API reference');
      const m = /admin\s+(\S+@demo\.calmdesk\.test)\s+(\S+)/.exec(server.output());
      expect(m).not.toBeNull();
      const r = await fetch(`${server.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: m?.[1], password: m?.[2] }),
      });
      expect(r.status).toBe(200);
      const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const inbox = (await (
        await fetch(`${server.url}/api/v1/conversations?sort=temperature&limit=100`, {
          headers: { cookie },
        })
      ).json()) as {
        conversations: { temperature: number; status: string }[];
      };
      expect(inbox.conversations.length).toBeGreaterThanOrEqual(12);
      expect(inbox.conversations[0]?.temperature).toBeGreaterThanOrEqual(70);
      expect(new Set(inbox.conversations.map((c) => c.status))).toEqual(
        new Set(['open', 'pending', 'resolved', 'snoozed']),
      );
      const followUps = (await (
        await fetch(`${server.url}/api/v1/follow-ups?status=kept,missed,pending,due`, {
          headers: { cookie },
        })
      ).json()) as {
        followUps: { status: string }[];
      };
      const statuses = followUps.followUps.map((f) => f.status);
      expect(statuses).toContain('kept');
      expect(statuses).toContain('missed');
    } finally {
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
      await printed(server, 'Calmdesk stopped.');
    }
  });

  it('on SIGTERM finishes the requests in flight, ends live streams, and exits cleanly', async () => {
    const dataDir = join(dir, 'graceful');
    expect(
      cli(
        [
          'user',
          'add',
          '--role',
          'admin',
          '--email',
          'g@example.com',
          '--name',
          'G',
          '--password-stdin',
          '--data-dir',
          dataDir,
        ],
        `${PASSWORD}\n`,
      ).code,
    ).toBe(0);
    const server = await startServer(dataDir);
    const { cookie, csrfToken } = await signIn(server.url, 'g@example.com');
    const headers = { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken };
    const stream = await fetch(`${server.url}/api/v1/events`, { headers: { cookie } });
    expect(stream.status).toBe(200);
    // A large batch takes a while to analyse and store; the signal arrives while it is in flight.
    const batch = Array.from({ length: 1000 }, (_, i) => ({
      externalId: `graceful-${i}`,
      contact: { externalId: `gc-${i % 50}` },
      conversation: { externalId: `gv-${i % 50}` },
      text: `${'My order is late and nobody answers. '.repeat(20)}(${i})`,
    }));
    const inFlight = fetch(`${server.url}/api/v1/messages/batch`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ messages: batch }),
    });
    await new Promise((r) => setTimeout(r, 30));
    server.child.kill('SIGTERM');
    const response = await inFlight;
    expect(response.status).toBe(201);
    expect(((await response.json()) as { stored: number }).stored).toBe(1000);
    // The live stream was ended by the server rather than left hanging.
    const reader = stream.body!.getReader();
    for (;;) {
      const { done } = await reader.read();
      if (done) break;
    }
    expect(await server.exited).toBe(0);
  });

  it('keeps every acknowledged message, once, when killed with SIGKILL mid-stream', async () => {
    const dataDir = join(dir, 'durability');
    const add = cli(
      [
        'user',
        'add',
        '--role',
        'admin',
        '--email',
        'ops@example.com',
        '--name',
        'Ops',
        '--password-stdin',
        '--data-dir',
        dataDir,
      ],
      `${PASSWORD}\n`,
    );
    expect(add.code).toBe(0);
    let server = await startServer(dataDir);
    const session = await signIn(server.url, 'ops@example.com');
    const token = (await (
      await fetch(`${server.url}/api/v1/tokens`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          cookie: session.cookie,
          'x-csrf-token': session.csrfToken,
        },
        body: JSON.stringify({ name: 'load' }),
      })
    ).json()) as { token: string };

    const acknowledged = new Set<string>();
    const sent: string[] = [];
    const ingest = async (url: string, n: number) => {
      const id = `durable-${n}`;
      const r = await fetch(`${url}/api/v1/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token.token}` },
        body: JSON.stringify({
          externalId: id,
          contact: { externalId: `c-${n % 10}` },
          conversation: { externalId: `conv-${n % 10}`, channel: 'chat' },
          text: `Message ${n}: where is my order? It is late again!`,
        }),
      });
      if (r.status === 201 || r.status === 200) acknowledged.add(id);
    };
    // Four writers stream messages; the server is killed without warning once 200 are acknowledged.
    let next = 0;
    const killed = new Promise<void>((resolve) => {
      const writers = Array.from({ length: 4 }, async () => {
        while (next < 5_000) {
          const n = next++;
          sent.push(`durable-${n}`);
          try {
            await ingest(server.url, n);
          } catch {
            return; // the connection died with the server
          }
          if (acknowledged.size >= 200 && server.child.exitCode === null && !server.child.killed) {
            server.child.kill('SIGKILL');
            resolve();
          }
        }
      });
      void Promise.all(writers).then(() => resolve());
    });
    await killed;
    await server.exited;
    expect(acknowledged.size).toBeGreaterThanOrEqual(200);

    server = await startServer(dataDir);
    try {
      // Re-sending everything (as a webhook sender retrying unacknowledged deliveries would)
      // must not duplicate anything.
      for (const id of sent.slice(-8))
        await ingest(server.url, Number(id.slice('durable-'.length)));
      const { cookie } = await signIn(server.url, 'ops@example.com');
      const stored: string[] = [];
      for (let c = 0; c < 10; c += 1) {
        const list = (await (
          await fetch(`${server.url}/api/v1/conversations?limit=100`, { headers: { cookie } })
        ).json()) as {
          conversations: { id: string; externalId: string }[];
        };
        const conv = list.conversations.find((x) => x.externalId === `conv-${c}`);
        if (conv === undefined) continue;
        const detail = (await (
          await fetch(`${server.url}/api/v1/conversations/${conv.id}`, { headers: { cookie } })
        ).json()) as {
          messages: { externalId: string }[];
        };
        stored.push(...detail.messages.map((m) => m.externalId));
      }
      for (const id of acknowledged) expect(stored).toContain(id);
      expect(new Set(stored).size).toBe(stored.length);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  }, 120_000);
});
