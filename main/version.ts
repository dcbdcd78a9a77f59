import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Set by the CLI's bundler (scripts/build-cli.mjs): the bundle has no package.json beside it. */
declare const AGENT_CONNECTIONS_VERSION: string | undefined;

/** The app's version: the bundled one, or package.json's when run from the sources. */
export function appVersion(): string {
  if (typeof AGENT_CONNECTIONS_VERSION === 'string') return AGENT_CONNECTIONS_VERSION;
  const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8')) as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
}
