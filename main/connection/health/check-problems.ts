import type { CheckProblem, ConnectionState } from '../../../common';

/**
 * What the last check on this computer could not tell, per org: kept in memory only, never in the
 * shared state, so a check without an answer (or without the agent's key) never overwrites the
 * last real verdict another check, or another computer, wrote.
 */
export function createCheckProblems() {
  const problems = new Map<string, CheckProblem>();
  return {
    set(orgId: string, problem: CheckProblem | null): void {
      if (problem) problems.set(orgId, problem);
      else problems.delete(orgId);
    },
    /** The state with the org's open problem; a run under way (or just begun) settles it. */
    onto(state: ConnectionState): ConnectionState {
      if (!state.orgId) return state;
      if (state.status === 'running') problems.delete(state.orgId);
      const problem = problems.get(state.orgId);
      return problem ? { ...state, checkProblem: problem } : state;
    },
  };
}
export type CheckProblems = ReturnType<typeof createCheckProblems>;
