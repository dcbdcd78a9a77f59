import type { ParseArgsOptionsConfig } from 'node:util';
import { UsageError } from './command';

/** `--name`, `--name=value` or `-n` as the user typed it, with the name the option table knows it by. */
function optionOf(arg: string, options: ParseArgsOptionsConfig): { typed: string; name: string | undefined; inlineValue: boolean } {
  if (arg.startsWith('--')) {
    const [typed = arg] = arg.split('=', 1);
    const name = typed.slice(2);
    return { typed, name: name in options ? name : undefined, inlineValue: arg.includes('=') };
  }
  const short = arg.slice(1, 2);
  const name = Object.entries(options).find(([, o]) => o.short === short)?.[0];
  return { typed: arg.slice(0, 2), name, inlineValue: arg.length > 2 };
}

function listed(options: ParseArgsOptionsConfig): string {
  return Object.keys(options)
    .filter((name) => name !== 'help' && name !== 'version')
    .map((name) => `--${name}`)
    .join(', ');
}

/**
 * Checks the options against the command's table before Node's parser sees them, so a mistake is
 * told in our words (which option, what it needs, what the command takes), never the parser's.
 */
export function checkOptions(command: string, args: readonly string[], options: ParseArgsOptionsConfig): void {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--') return;
    if (!arg.startsWith('-') || arg === '-') continue;
    const { typed, name, inlineValue } = optionOf(arg, options);
    const option = name === undefined ? undefined : options[name];
    if (!option) throw new UsageError(`"${command}" has no option ${typed}. Its options: ${listed(options)}.`);
    if (option.type === 'boolean' && inlineValue && arg.startsWith('--')) throw new UsageError(`--${name} is a switch; it takes no value.`);
    if (option.type === 'string' && !inlineValue) {
      const next = args[i + 1];
      if (next === undefined || next.startsWith('-')) throw new UsageError(`--${name} needs a value.`);
      i++;
    }
  }
}
