import { startCalmdesk, type ConfigInput } from '@calmdesk/server';
import { fileURLToPath } from 'node:url';
import { CliError } from '../errors.js';
import { loadCliConfig } from './cli-config.js';

/** The web app built beside this package in the workspace (packages/web/dist). */
function defaultWebDir(): string | undefined {
  if (process.env.CALMDESK_WEB_DIR !== undefined) return undefined;
  return fileURLToPath(new URL('../../../web/dist', import.meta.url));
}

/**
 * `calmdesk start`: reads and checks the configuration once (flags over environment), starts the
 * service, and on SIGTERM or SIGINT stops taking requests, lets those in flight finish, and
 * closes the database before exiting.
 */
export async function start(flags: ConfigInput): Promise<void> {
  const config = loadCliConfig({ webDir: defaultWebDir(), ...flags });
  let running;
  try {
    running = await startCalmdesk(config);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (e.code === 'EADDRINUSE') {
      throw new CliError('usage', `port ${config.port} is in use: choose another with --port`);
    }
    throw new CliError('internal', `could not start: ${e.message}`, { cause: error });
  }
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      process.stdout.write(`${signal}: finishing requests in flight and closing...\n`);
      void running.close().then(resolve, resolve);
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
  process.stdout.write('Calmdesk stopped.\n');
}
