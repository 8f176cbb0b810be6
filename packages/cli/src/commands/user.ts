import { createInterface } from 'node:readline';
import {
  AuthService,
  CalmdeskError,
  MIN_PASSWORD_LENGTH,
  openStore,
  type ConfigInput,
  type Role,
} from '@calmdesk/server';
import { CliError } from '../errors.js';
import { loadCliConfig } from './cli-config.js';

async function readPasswordFromStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** Asks twice without echoing, on a terminal. */
async function promptPassword(): Promise<string> {
  const ask = (question: string) =>
    new Promise<string>((resolve) => {
      const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
      const write = (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput;
      (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
        if (s.startsWith(question)) write.call(rl, question);
      };
      rl.question(question, (answer) => {
        rl.close();
        process.stdout.write('\n');
        resolve(answer);
      });
    });
  const first = await ask(`Password (at least ${MIN_PASSWORD_LENGTH} characters): `);
  const second = await ask('Again: ');
  if (first !== second) throw new CliError('bad_input', 'the two passwords differ');
  return first;
}

/**
 * `calmdesk user add`: creates a person in the configured database. The password comes from
 * standard input (--password-stdin) or a prompt; there is never a default one.
 */
export async function addUser(
  options: { email: string; name: string; role: Role; passwordStdin: boolean },
  flags: ConfigInput,
): Promise<string> {
  const config = loadCliConfig(flags);
  let password: string;
  if (options.passwordStdin) password = await readPasswordFromStdin();
  else if (process.stdin.isTTY) password = await promptPassword();
  else
    throw new CliError(
      'usage',
      'no terminal to ask for the password: pipe it in with --password-stdin',
    );

  const store = await openStore(config);
  try {
    const auth = new AuthService({
      store,
      sessionHours: config.sessionHours,
      loginAttempts: config.loginAttempts,
      now: () => new Date(),
    });
    const user = await auth.createUser(
      { email: options.email, name: options.name, role: options.role, password },
      null,
    );
    return `Added ${user.role} ${user.name} <${user.email}> to ${store.dialect === 'sqlite' ? config.dataDir : 'PostgreSQL'}.`;
  } catch (error) {
    if (error instanceof CalmdeskError) {
      throw new CliError(error.code === 'conflict' ? 'bad_input' : 'bad_input', error.message);
    }
    throw error;
  } finally {
    await store.close();
  }
}
