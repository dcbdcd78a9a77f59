import type { AppError, PreflightCheck } from '../../../common';

/** One pre-flight check's outcome; blockers carry the error Enable stops with. */
export interface Check extends PreflightCheck {
  /** The error Enable stops with when this blocker fails. */
  error?: AppError;
}

export type Finding = NonNullable<PreflightCheck['finding']>;
export type Params = Record<string, string | number>;
/** A failed check's remedy: catalog key and English text. */
export type Fix = { key: NonNullable<PreflightCheck['fixKey']>; text: string };

export const pass = (id: string, finding: Finding, message: string, params?: Params): Check => ({
  id,
  ok: true,
  severity: 'info',
  message,
  finding,
  ...(params && { params }),
});
export const block = (id: string, finding: Finding, error: AppError, fix?: Fix): Check => ({
  id,
  ok: false,
  severity: 'blocker',
  message: error.message,
  finding,
  ...(error.params && { params: error.params }),
  ...(fix && { fix: fix.text, fixKey: fix.key }),
  error,
});
export const warn = (id: string, finding: Finding, message: string, params: Params, fix?: Fix): Check => ({
  id,
  ok: false,
  severity: 'warning',
  message,
  finding,
  params,
  ...(fix && { fix: fix.text, fixKey: fix.key }),
});
/** Worth knowing, nothing to fix: shown with the info mark. */
export const note = (id: string, finding: Finding, message: string, params: Params): Check => ({
  id,
  ok: false,
  severity: 'info',
  message,
  finding,
  params,
});
