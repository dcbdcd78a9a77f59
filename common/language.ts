import type { Settings } from './domain/settings';

/** The languages the renderer has catalogs for. */
export type UiLanguage = 'en' | 'sv';

/**
 * "system" follows the OS locale (main's `app.info`, else the browser's); anything not Swedish is
 * English. Main uses it too, to serve index.html's pre-rendered screen only to a matching locale.
 */
export function resolveLanguage(preference: Settings['language'], systemLocale: string): UiLanguage {
  if (preference !== 'system') return preference;
  return systemLocale.toLowerCase().startsWith('sv') ? 'sv' : 'en';
}

/**
 * How the renderer's first render looks: the saved language and theme. Main names them on index.html's
 * `<html>` when it serves it, so the app starts in them before its settings have been fetched.
 */
export interface FirstLook {
  language: UiLanguage;
  theme: Settings['theme'];
}
