/**
 * npm run conformance -- --login-url https://<my-domain> [--agent-name NAME] [--out FILE]
 *                        [--client-id ID] [--port N] [--audience URL]
 * Runs the whole connection lifecycle against a real org with its own agent name and data
 * directory, prints each step, writes a redacted transcript; exit 0 pass, 1 fail, 2 usage.
 */
import { parseArgs } from 'node:util';
import { settingsUpdateSchema } from '../../common';
import { runConformance } from './run';

const usage =
  'Usage: npm run conformance -- --login-url https://<my-domain> [--agent-name NAME] [--out FILE] [--client-id ID] [--port N] [--audience URL] [--allow-any-host]';

function parse(): Parameters<typeof runConformance>[0] | null {
  try {
    const { values } = parseArgs({
      options: {
        'login-url': { type: 'string' },
        'agent-name': { type: 'string' },
        out: { type: 'string' },
        'client-id': { type: 'string' },
        port: { type: 'string' },
        audience: { type: 'string' },
        'allow-any-host': { type: 'boolean' },
      },
      strict: true,
    });
    const loginUrl = values['login-url'];
    if (!loginUrl) throw new Error('--login-url is required.');
    const agentName = values['agent-name'];
    const nameCheck = settingsUpdateSchema.safeParse({ agentName });
    if (!nameCheck.success) throw new Error(`--agent-name: ${nameCheck.error.issues[0]?.message ?? 'not a valid agent name'}`);
    return {
      loginUrl,
      agentName,
      out: values.out,
      clientId: values['client-id'],
      port: values.port,
      audience: values.audience,
      allowAnyHost: values['allow-any-host'] === true,
      print: (line) => void process.stdout.write(`${line}\n`),
    };
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n${usage}\n`);
    return null;
  }
}

// The session and the agent's key live in a temporary directory only this OS user can read.
process.umask(0o077);
const options = parse();
if (!options) process.exit(2);
try {
  const result = await runConformance(options);
  process.stdout.write(
    `\n${result.passed ? 'PASSED' : 'FAILED'}: ${result.steps.filter((s) => s.ok).length}/${result.steps.length} steps, agent "${result.agentName}".\n`,
  );
  process.stdout.write(`Transcript (${result.entries} requests, secrets and record data redacted): ${result.transcriptPath}\n`);
  process.exit(result.passed ? 0 : 1);
} catch (e) {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
}
