import type { CliError } from '../../common/cli-json';
import type { ErrorAction } from '../../common/app-error';
import type { CliIo } from './cli-io';

/**
 * `--json`: stdout carries exactly one document, the Salesforce CLI's envelope (common/cli-json.ts).
 * The lines a command prints for a person on stdout are left out (the result says it all); its
 * stderr stays stderr, and lines there that start "Warning:" also become the envelope's `warnings`.
 */
export interface JsonOutput {
  /** The io the command writes to: nothing of it reaches stdout. */
  io: CliIo;
  result(value: unknown): void;
  hasResult(): boolean;
  /** Prints the envelope for the exit code: the result, or the failure the command told on stderr. */
  finish(code: number): void;
  fail(error: { name: string; message: string; action?: ErrorAction }, code: number): void;
}

const WARNING = /^Warning: /;

export function jsonOutput(real: CliIo): JsonOutput {
  const warnings: string[] = [];
  const told: string[] = [];
  let result: { value: unknown } | undefined;
  let printed = false;
  const print = (document: object) => {
    if (printed) return;
    printed = true;
    real.out(JSON.stringify(document, null, 2));
  };
  const toStderr = (line: string) => {
    real.err(line);
    if (WARNING.test(line)) warnings.push(line.replace(WARNING, ''));
    else told.push(line);
  };
  const fail: JsonOutput['fail'] = (error, code) => {
    const document: CliError = {
      status: code,
      name: error.name,
      message: error.message,
      exitCode: code,
      action: error.action ?? null,
      warnings,
    };
    print(document);
  };
  return {
    io: { ...real, out: () => undefined, err: toStderr },
    result(value) {
      result = { value };
    },
    hasResult: () => result !== undefined,
    finish(code) {
      if (result) print({ status: code, result: result.value, warnings });
      else if (code === 0) print({ status: 0, result: {}, warnings });
      // A command that ended without a result told why on stderr: that is the message.
      else fail({ name: 'COMMAND_FAILED', message: told.at(-1) ?? 'The command did not complete.' }, code);
    },
    fail,
  };
}
