import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { UiLanguage } from '../../common/language';
import en from './en.json';
import sv from './sv.json';

export const catalogs = { en, sv } as const satisfies Record<UiLanguage, unknown>;

declare module 'i18next' {
  interface CustomTypeOptions {
    // Keys are checked at compile time against the English catalog; a test keeps Swedish in step.
    resources: { translation: typeof en };
  }
}

/** One i18next instance per app (and per test), initialised synchronously from the bundled catalogs. */
export function createI18n(language: UiLanguage = 'en'): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources: { en: { translation: en }, sv: { translation: sv } },
    lng: language,
    fallbackLng: 'en',
    initAsync: false,
    interpolation: { escapeValue: false },
  });
  return instance;
}
