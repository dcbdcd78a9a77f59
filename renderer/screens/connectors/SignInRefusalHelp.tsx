import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { signInRefusalErrors } from '../../../common';

/**
 * What to look for in the browser while the sign-in waits: Salesforce answers a refused sign-in on its
 * own error page and never calls the app back (fact AUTHORIZE-ERROR-PAGE), so the app names each
 * `error` value that page may show, with its cause and fix.
 */
export function SignInRefusalHelp({ expiresAt, callbackPort }: { expiresAt: string; callbackPort: number }) {
  const { t } = useTranslation();
  const until = new Date(expiresAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return (
    <>
      <Typography variant="body2">{t('signIn.stopsAt', { time: until })}</Typography>
      <Typography variant="body2">{t('signIn.errorPage')}</Typography>
      <ul aria-label={t('signIn.errorPageCauses')}>
        {signInRefusalErrors.map((error) => (
          <li key={error}>
            <Typography variant="body2">
              <code>error={error}</code>: {t(`signIn.refusals.${error}`, { port: callbackPort })}
            </Typography>
          </li>
        ))}
      </ul>
    </>
  );
}
