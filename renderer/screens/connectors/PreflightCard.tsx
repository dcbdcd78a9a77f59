import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import List from '@mui/material/List';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PreflightReport } from '../../../common';
import { useApi } from '../../api/context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useLive } from '../../state/live';
import { useOperation } from '../../state/use-operation';
import { CardHeading } from '../../components/CardHeading';
import { CheckRow } from './PreflightCheckRow';

/** Pre-flight: what would stop the connection, with the fix, found before anything is created. */
export function PreflightCard() {
  const { t } = useTranslation();
  const api = useApi();
  const { live } = useLive();
  const check = useOperation();
  const [checked, setChecked] = useState<PreflightReport | null>(null);
  const report = checked ?? live.connection.preflight ?? null;
  const runChecks = async () => {
    const result = await check.run(() => api['connection.preflight']({}));
    if (result) setChecked(result);
  };
  return (
    <Card component="section" aria-labelledby="preflight-heading">
      <CardContent>
        <CardHeading id="preflight-heading" title={t('preflight.heading')}>
          <Button variant="outlined" disabled={check.busy} onClick={() => void runChecks()}>
            {t('preflight.run')}
          </Button>
        </CardHeading>
        {!report && (
          <Typography variant="body2" color="text.secondary">
            {t('preflight.intro')}
          </Typography>
        )}
        {report && (
          <>
            <Alert severity={report.ok ? 'success' : 'error'} sx={{ mb: 1 }}>
              {report.ok ? t('preflight.passed') : t('preflight.failed')}
            </Alert>
            <List dense aria-label={t('preflight.listLabel')}>
              {report.checks.map((item) => (
                <CheckRow key={item.id} check={item} />
              ))}
            </List>
          </>
        )}
        {check.error && <ErrorAlert error={check.error} />}
      </CardContent>
    </Card>
  );
}
