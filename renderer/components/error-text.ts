import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../common';

/**
 * An error in the admin's language: the catalog's `errors.<code>` as the headline, and main's own
 * admin-readable message (English, often with specifics such as "5 of 5 used") as detail in English.
 */
export function useErrorText(): (error: AppError) => { headline: string; detail: string | null } {
  const { t, i18n } = useTranslation();
  return useCallback(
    (error: AppError) => {
      const headline = t(`errors.${error.code}`, { ...error.params, defaultValue: error.message });
      const detail = i18n.language === 'en' && error.message !== headline ? error.message : null;
      return { headline, detail };
    },
    [t, i18n.language],
  );
}
