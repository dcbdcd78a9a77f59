import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../common';

/** Salesforce's own message as main kept it (`params.detail`, "CODE: message"), without its code. */
export function salesforceWords(error: AppError): string | null {
  const detail = error.params?.detail;
  if (typeof detail !== 'string') return null;
  const words = detail.replace(/^[A-Z_]+(?::\s*|$)/, '').trim();
  return words.length > 0 ? words : null;
}

/**
 * Salesforce's own words beside ours, in every language: what an admin can search for or quote to
 * Salesforce support. Left out where the shown text already carries them.
 */
export function SalesforceWords({ error, shown }: { error: AppError; shown: string }) {
  const { t } = useTranslation();
  const words = salesforceWords(error);
  if (!words || shown.includes(words)) return null;
  return (
    <Typography variant="body2" sx={{ mt: 0.5 }}>
      {t('errors.salesforceSaid', { words })}
    </Typography>
  );
}
