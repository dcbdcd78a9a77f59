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
