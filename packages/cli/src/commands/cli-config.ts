import { ConfigError, loadConfig, type Config, type ConfigInput } from '@calmdesk/server';
import { CliError } from '../errors.js';

/**
 * The settings from the environment and the command's flags; a bad one is a usage error with
 * its one-line reason. Kept out of errors.ts so commands that need no server do not load it.
 */
export function loadCliConfig(flags: ConfigInput): Config {
  try {
    return loadConfig(process.env, flags);
  } catch (error) {
    if (error instanceof ConfigError)
      throw new CliError('usage', `configuration: ${error.message}`);
    throw error;
  }
}
