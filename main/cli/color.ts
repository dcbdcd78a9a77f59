import type { CliIo } from './cli-io';

export interface Paint {
  warning(text: string): string;
  failure(text: string): string;
  ok(text: string): string;
}

const plain: Paint = { warning: (t) => t, failure: (t) => t, ok: (t) => t };
const sgr = (code: number) => (text: string) => `\u001b[${code}m${text}\u001b[0m`;
const ansi: Paint = { warning: sgr(33), failure: sgr(31), ok: sgr(32) };

/**
 * Colour only on a terminal, and never when the user said no: `NO_COLOR` set to anything
 * (no-color.org), `--no-color`, `TERM=dumb`, or `--json`.
 */
export function paintFor(io: CliIo, noColor: boolean): Paint {
  const off = noColor || io.env.NO_COLOR !== undefined || io.env.TERM === 'dumb' || io.stderrIsTerminal !== true;
  return off ? plain : ansi;
}
