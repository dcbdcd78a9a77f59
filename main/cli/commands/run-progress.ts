import type { ConnectionState, RunProgress, StepId, StepProgress } from '../../../common';
import type { CliApp } from '../cli-app';
import type { CommandContext } from '../command';

type Lifecycle = CliApp['app']['connection'];

/** The steps as the screens name them (renderer/i18n/en.json `steps`), for people reading a terminal. */
const stepNames: Record<StepId, string> = {
  preflight: 'Pre-flight checks',
  permissionSet: 'Permission set',
  accessGrants: 'Access grants',
  integrationUser: 'Integration user',
  licence: 'Licence',
  assignment: 'Permission set assignment',
  keyPair: "The agent's key pair",
  app: 'External client app',
  activation: 'Waiting for Salesforce to accept the agent',
  verification: 'Verification as the agent',
  removeApp: 'Removing the external client app',
  removeAssignment: 'Removing the permission set assignment',
  removeLicence: 'Freeing the licence',
  deactivateUser: 'Deactivating the integration user',
  removePermissionSet: 'Deleting the permission set',
  replaceCertificate: "Replacing the app's certificate",
};

const stateWords: Record<StepProgress['state'], string> = {
  pending: 'waiting',
  running: 'in progress',
  done: 'done',
  failed: 'failed',
  skipped: 'skipped',
  undone: 'undone',
};

export const minutesSince = (from: string, to: number) => Math.max(0, Math.round((to - Date.parse(from)) / 60_000));
const clock = (iso: string) => new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });

export function stepLine(step: StepProgress): string {
  return `  ${stepNames[step.id]}: ${stateWords[step.state]}${step.note ? ` (${step.note})` : ''}`;
}

/** Prints each step's change of state on stderr while a run is going, then resolves with the run's end state. */
export async function follow(context: CommandContext, connection: Lifecycle): Promise<ConnectionState> {
  const printed = new Map<string, string>();
  let attemptPrinted = 0;
  const print = (run: RunProgress | undefined) => {
    // --json stays quiet while it works, as the Salesforce CLI does: the document at the end says it all.
    if (!run || context.json) return;
    const wait = run.activation;
    if (wait && wait.attempt !== attemptPrinted) {
      attemptPrinted = wait.attempt;
      context.io.err(
        `  Salesforce has not accepted the agent yet: ${minutesSince(wait.waitingSince, Date.now())} min since the app was created (try ${wait.attempt}; waits until ${clock(wait.deadlineAt)})`,
      );
    }
    for (const step of run.steps) {
      if (step.state === 'pending' || printed.get(step.id) === step.state) continue;
      printed.set(step.id, step.state);
      context.io.err(stepLine(step));
    }
  };
  const timer = setInterval(() => print(connection.state().run), 250);
  try {
    return await connection.settled();
  } finally {
    clearInterval(timer);
  }
}
