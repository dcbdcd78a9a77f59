import type { StepId } from '../../common';
import type { JournalData } from '../store/journal';

/** What each step created or adopted (ids, names), as written to the journal and the connection record. */
export type Artifacts = Partial<Record<StepId, JournalData>>;

export function text(artifacts: Artifacts, step: StepId, key: string): string | undefined {
  const value = artifacts[step]?.[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function list(artifacts: Artifacts, step: StepId, key: string): string[] {
  const value = artifacts[step]?.[key];
  return Array.isArray(value) ? value : [];
}

export function flag(artifacts: Artifacts, step: StepId, key: string): boolean {
  return artifacts[step]?.[key] === true;
}
