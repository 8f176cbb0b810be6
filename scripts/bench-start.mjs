// Starts `calmdesk start` for a benchmark script: adds an admin, starts the server in a child
// process on the given environment (a fresh data directory, or DATABASE_URL), signs in and makes
// an API token. Shared by bench-server.mjs, bench-stall.mjs and bench-kill.mjs.
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../packages/cli/bin/calmdesk.js', import.meta.url));
const PASSWORD = 'benchmark password 123';

/**
 * Starts `calmdesk start` on a free port with the given environment, without any set-up:
 * resolves with its base URL once it listens (used again on the same data directory after a
 * kill by bench-kill.mjs).
 */
export async function spawnCalmdesk(env) {
  const server = spawn(process.execPath, [BIN, 'start', '--port', '0'], {
    env: { ...env, CALMDESK_LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const base = await new Promise((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    server.on('exit', () => reject(new Error(`server exited: ${out}`)));
  });
  return { base, server };
}

/** Returns the server's base URL, the headers of an API token's requests, and the child process. */
export async function startBenchServer(env) {
  const add = spawnSync(
    process.execPath,
    [
      BIN,
      'user',
      'add',
      '--role',
      'admin',
      '--email',
      'bench@example.com',
      '--name',
      'Bench',
      '--password-stdin',
    ],
    { env, input: PASSWORD, encoding: 'utf8' },
  );
  if (add.status !== 0) throw new Error(add.stderr);

  const { base, server } = await spawnCalmdesk(env);

  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'bench@example.com', password: PASSWORD }),
  });
  const cookie = login.headers.get('set-cookie').split(';')[0];
  const { csrfToken } = await login.json();
  const { token } = await (
    await fetch(`${base}/api/v1/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify({ name: 'bench' }),
    })
  ).json();
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  return { base, headers, server };
}
