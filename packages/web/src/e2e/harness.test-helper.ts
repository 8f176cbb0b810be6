import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

/**
 * End-to-end tests drive Debian's Chromium with playwright-core against a real
 * `calmdesk start --demo`. Without Chromium they are skipped with a message saying so; with
 * CI=true (or when asked for screenshots) they fail instead.
 */
export const CHROMIUM = process.env.CALMDESK_CHROMIUM ?? '/usr/bin/chromium';
/** Set by `npm run screenshots`: the folder to refresh; the browser is required then. */
const SCREENSHOTS_WANTED = process.env.CALMDESK_SCREENSHOTS || undefined;
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const BIN = fileURLToPath(new URL('../../../cli/bin/calmdesk.js', import.meta.url));

export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  const message = `Browser tests SKIPPED: no Chromium at ${CHROMIUM} (apt-get install -y chromium)`;
  if (process.env.CI === 'true') throw new Error(`CI=true requires Chromium: ${message}`);
  if (SCREENSHOTS_WANTED !== undefined)
    throw new Error(`Taking screenshots requires Chromium: ${message}`);
  console.warn(message);
  return false;
}

export interface DemoServer {
  url: string;
  /** Demo sign-ins by role: agent (Alex), agent2 (Sam), supervisor (Jordan), admin (Morgan). */
  people: Record<'agent' | 'agent2' | 'supervisor' | 'admin', { email: string; password: string }>;
  output: () => string;
  stop: () => Promise<void>;
  /** Kills and starts the server again on the same data (for reconnect tests). */
  restart: () => Promise<void>;
}

async function launch(dataDir: string, port: number, extra: string[]) {
  const child: ChildProcess = spawn(
    process.execPath,
    [BIN, 'start', '--port', String(port), '--data-dir', dataDir, ...extra],
    {
      env: { ...process.env, CALMDESK_SCHEDULER_INTERVAL_MS: '500' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 30_000);
    const check = () => {
      const m = /listening on (http:\/\/\S+)/.exec(output);
      if (m?.[1] !== undefined && output.includes('API reference')) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout?.on('data', check);
    void exited.then(() => reject(new Error(`server exited:\n${output}`)));
  });
  return { child, url, output: () => output, exited };
}

/** Starts `calmdesk start --demo` on a fresh data directory and a free port. */
export async function startDemoServer(): Promise<DemoServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'calmdesk-e2e-'));
  let running = await launch(dataDir, 0, ['--demo']);
  const port = Number(new URL(running.url).port);
  const creds = (who: string) => {
    const m = new RegExp(`(${who}@demo\\.calmdesk\\.test)\\s+(\\S+)`).exec(running.output());
    if (m?.[1] === undefined || m[2] === undefined) throw new Error(`no demo sign-in for ${who}`);
    return { email: m[1], password: m[2] };
  };
  const people = {
    agent: creds('alex'),
    agent2: creds('sam'),
    supervisor: creds('jordan'),
    admin: creds('morgan'),
  };
  const stop = async () => {
    running.child.kill('SIGTERM');
    await running.exited;
  };
  return {
    url: running.url,
    people,
    output: () => running.output(),
    stop: async () => {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
    restart: async () => {
      await stop();
      running = await launch(dataDir, port, []);
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
}

/**
 * A demo server and a browser for the tests of one `describe`: started before them, closed
 * after them (after the block's own `afterAll` hooks, which run first).
 *
 * @example const env = useDemoBrowser(); // then env.server.url, env.browser.newContext()
 */
export function useDemoBrowser(): { server: DemoServer; browser: Browser } {
  const env = {} as { server: DemoServer; browser: Browser };
  beforeAll(async () => {
    env.server = await startDemoServer();
    env.browser = await launchBrowser();
  }, 90_000);
  afterAll(async () => {
    await env.browser?.close();
    await env.server?.stop();
  }, 60_000);
  return env;
}

/** Signs in through the sign-in form, as a person would, and waits for the inbox. */
export async function signInAs(
  page: Page,
  url: string,
  who: { email: string; password: string },
): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}

/**
 * Where the browser tests put their screenshots: packages/web/test-results/screenshots/ (ignored
 * by git), or the folder CALMDESK_SCREENSHOTS names, relative to where the tests run from.
 * `npm run screenshots` points it at docs/screenshots/ to refresh the README's copies.
 */
export const SCREENSHOTS =
  SCREENSHOTS_WANTED === undefined
    ? fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url))
    : resolve(SCREENSHOTS_WANTED);
