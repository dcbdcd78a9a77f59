import type { ConnectionState, RunProgress, StepProgress } from '../../../common';
import type { ChipStatus } from '../../components/StatusChip';

const removingRuns: RunProgress['kind'][] = ['disable', 'rollback'];

/** Whether access is on in the org right now: what the "Turn on access" switch shows until the admin changes it. */
export function isAccessOn(connection: ConnectionState): boolean {
  switch (connection.status) {
    case 'off':
      return false;
    case 'running':
      return connection.run ? !removingRuns.includes(connection.run.kind) : true;
    case 'error':
      return connection.details !== undefined;
    default:
      return true;
  }
}

export function chipStatusOf(connection: ConnectionState): ChipStatus {
  return connection.status === 'off' ? 'notSetUp' : connection.status;
}

/** The step the run is on: the running one, else the failed one, else the first not yet done. */
export function currentStepOf(run: RunProgress): StepProgress | undefined {
  return (
    run.steps.find((s) => s.state === 'running') ??
    run.steps.find((s) => s.state === 'failed') ??
    run.steps.find((s) => s.state === 'pending')
  );
}
