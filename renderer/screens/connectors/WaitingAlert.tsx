import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { ConnectionState } from '../../../common';
import { useErrorText } from '../../components/error-text';
import { formatDuration } from '../../i18n/format';
import { useConnectionAction } from '../../state/use-connection-action';
import { useLive } from '../../state/live';

/**
 * Salesforce has not accepted the agent yet, which is not a failure (new apps can take half an hour):
 * everything stays, and the admin chooses between waiting longer and removing what was created.
 */
export function WaitingAlert({ connection }: { connection: ConnectionState }) {
  const { t } = useTranslation();
  const { live } = useLive();
  const describe = useErrorText();
  const run = useConnectionAction();
  const waited = connection.waiting ? Date.parse(connection.waiting.until) - Date.parse(connection.waiting.since) : 0;
  return (
    <Alert severity="info">
      <AlertTitle>{t('run.activation.waitingTitle')}</AlertTitle>
      <Typography variant="body2">{t('run.activation.waitingBody', { time: formatDuration(waited) })}</Typography>
      <Typography variant="body2">{t('run.activation.waitingChoices', { minutes: live.settings.activationTimeoutMinutes })}</Typography>
      <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
        <Button variant="contained" disabled={run.busy} onClick={() => void run.start('resume')}>
          {t('actions.keepWaiting')}
        </Button>
        <Button variant="outlined" disabled={run.busy} onClick={() => void run.start('rollback')}>
          {t('actions.rollback')}
        </Button>
      </Stack>
      {run.error && (
        <Typography variant="body2" sx={{ mt: 1 }} role="status">
          {describe(run.error).headline}
        </Typography>
      )}
    </Alert>
  );
}
