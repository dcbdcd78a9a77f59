/** The `result` of a CLI command's `--json` envelope ({ status, result, warnings }), for tests that read it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each test states the shape it reads.
export function jsonResult(stdout: string): any {
  const envelope = JSON.parse(stdout) as { result?: unknown; name?: string; message?: string };
  if (!('result' in envelope)) throw new Error(`The command failed: ${envelope.name ?? ''} ${envelope.message ?? stdout}`);
  return envelope.result;
}
