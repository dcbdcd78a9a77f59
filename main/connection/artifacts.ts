import type { StepId } from '../../common';
import type { Artifacts } from './steps/results';

export type { Artifacts } from './steps/results';

// Old string-key readers, kept only while callers move to the typed fields of `Artifacts`.
function field(artifacts: Artifacts, step: StepId, key: string): unknown {
  const entry: Record<string, unknown> | undefined = artifacts[step];
  return entry?.[key];
}

export function text(artifacts: Artifacts, step: StepId, key: string): string | undefined {
  const value = field(artifacts, step, key);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function list(artifacts: Artifacts, step: StepId, key: string): string[] {
  const value = field(artifacts, step, key);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export function flag(artifacts: Artifacts, step: StepId, key: string): boolean {
  return field(artifacts, step, key) === true;
}
