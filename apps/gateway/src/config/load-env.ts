import { existsSync } from 'node:fs';
import { parse } from 'dotenv';
import { readFileSync } from 'node:fs';
import { AppConfig, loadConfig } from './app-config.js';
import { ConfigError, type Env } from './env-schema.js';

/**
 * The one place that reads process.env: merges an optional .env file under the real
 * environment (the environment wins) and validates the result.
 */
export function loadConfigFromProcess(envFile = '.env'): AppConfig {
  const fileEnv: Env = existsSync(envFile) ? parse(readFileSync(envFile)) : {};
  return loadConfig({ ...fileEnv, ...process.env });
}

/** For entry points: a bad configuration prints what is wrong and stops the process. */
export function loadConfigOrExit(): AppConfig {
  try {
    return loadConfigFromProcess();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}
