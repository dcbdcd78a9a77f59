import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HealthNotice } from '../../common';
import { useApi } from '../api/context';
import { useNavigation } from '../state/navigation';

/**
 * Browser mode's stand-in for the desktop notification: a scheduled check found an org's state
 * changed. It stays until dismissed, since the admin may be away when it arrives.
 */
export function HealthNoticeBanner() {
  const { t } = useTranslation();
  const api = useApi();
  const { go } = useNavigation();
  const [notice, setNotice] = useState<HealthNotice | null>(null);
  useEffect(() => api.on('health.notice', setNotice), [api]);
  if (!notice) return null;
  const words = { profile: notice.profile, org: notice.orgName, to: t(`status.${notice.to}`), from: t(`status.${notice.from}`) };
  return (
    <Alert
      severity={notice.to === 'connected' ? 'success' : 'warning'}
      role="alert"
      sx={{ borderRadius: 0 }}
      action={
        <>
          <Button color="inherit" size="small" onClick={() => go('overview')}>
            {t('nav.overview')}
          </Button>
          <Button color="inherit" size="small" onClick={() => setNotice(null)}>
            {t('healthNotice.dismiss')}
          </Button>
        </>
      }
    >
      <AlertTitle>{t('healthNotice.title', words)}</AlertTitle>
      {t('healthNotice.body', words)}
    </Alert>
  );
}
