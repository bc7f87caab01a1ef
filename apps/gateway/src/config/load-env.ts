import { existsSync } from 'node:fs';
import { parse } from 'dotenv';
import { readFileSync } from 'node:fs';
import { AppConfig, loadConfig } from './app-config.js';
import type { Env } from './env-schema.js';

/**
 * The one place that reads process.env: merges an optional .env file under the real
 * environment (the environment wins) and validates the result.
 */
export function loadConfigFromProcess(envFile = '.env'): AppConfig {
  const fileEnv: Env = existsSync(envFile) ? parse(readFileSync(envFile)) : {};
  return loadConfig({ ...fileEnv, ...process.env });
}
