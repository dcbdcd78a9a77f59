import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import ErrorIcon from '@mui/icons-material/Error';
import InfoIcon from '@mui/icons-material/Info';
import WarningIcon from '@mui/icons-material/Warning';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PreflightCheck, PreflightReport } from '../../../common';
import { useApi } from '../../api/context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { VisuallyHidden } from '../../components/VisuallyHidden';
import { useLive } from '../../state/live';
import { useOperation } from '../../state/use-operation';

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
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center', justifyContent: 'space-between', mb: 1 }}>
          <Typography id="preflight-heading" variant="h6" component="h3">
            {t('preflight.heading')}
          </Typography>
          <Button variant="outlined" disabled={check.busy} onClick={() => void runChecks()}>
            {t('preflight.run')}
          </Button>
        </Stack>
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

/** One check with its outcome and fix; the review of Turn on shows the same rows. */
export function CheckRow({ check }: { check: PreflightCheck }) {
  const { t } = useTranslation();
  const outcome = check.ok ? 'passed' : check.severity;
  const fix = check.fixKey ? t(`preflight.fixes.${check.fixKey}`, { defaultValue: check.fix }) : check.fix;
  const icons = {
    passed: <CheckCircleIcon color="success" />,
    blocker: <ErrorIcon color="error" />,
    warning: <WarningIcon color="warning" />,
    info: <InfoIcon color="info" />,
  };
  return (
    <ListItem alignItems="flex-start">
      <ListItemIcon sx={{ minWidth: 36, mt: 0.5 }} aria-hidden>
        {icons[outcome]}
      </ListItemIcon>
      <ListItemText
        primary={
          <>
            <VisuallyHidden>{t(`preflight.outcome.${outcome}`)}: </VisuallyHidden>
            {check.finding ? t(`preflight.checks.${check.finding}`, { ...check.params, defaultValue: check.message }) : check.message}
          </>
        }
        secondary={fix && !check.ok ? t('preflight.fix', { fix }) : undefined}
      />
    </ListItem>
  );
}
