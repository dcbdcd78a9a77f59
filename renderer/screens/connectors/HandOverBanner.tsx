import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HandOver } from '../../../common';
import { formatDateTime } from '../../i18n/format';
import { CredentialsDialog } from './CredentialsDialog';

/**
 * The agent holds credentials of an earlier app or certificate. Main keeps this until the credentials
 * are exported again (main/connection/record/hand-over.ts), so the banner cannot be dismissed, only settled.
 */
export function HandOverBanner({ handOver }: { handOver: HandOver }) {
  const { t, i18n } = useTranslation();
  const [exporting, setExporting] = useState(false);
  const date = (iso: string) => formatDateTime(iso, i18n.language);
  return (
    <>
      <Alert
        severity="warning"
        aria-labelledby="hand-over-banner-title"
        action={
          <Button color="inherit" size="small" variant="outlined" onClick={() => setExporting(true)} sx={{ whiteSpace: 'nowrap' }}>
            {t('handOverBanner.export')}
          </Button>
        }
      >
        <AlertTitle id="hand-over-banner-title">{t('handOverBanner.title')}</AlertTitle>
        {t(`handOverBanner.${handOver.reason}`, { date: date(handOver.since) })}{' '}
        {handOver.lastExportedAt ? t('handOverBanner.lastExported', { date: date(handOver.lastExportedAt) }) : t('handOverBanner.handOver')}
      </Alert>
      {exporting && <CredentialsDialog onClose={() => setExporting(false)} />}
    </>
  );
}
