import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { OrgChange } from '../../../common';
import { useApi } from '../../api/context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useConnectionAction } from '../../state/use-connection-action';
import { useLive } from '../../state/live';
import { useOperation } from '../../state/use-operation';
import { RebuildHere } from './RebuildHere';
import { useRotateKey } from './RotateKey';

/**
 * The profile now signs in to another org (a sandbox refresh, fact SANDBOX-REFRESH): said plainly,
 * with the admin's choices for what was carried over: adopt (rotating the key) or remove.
 */
export function OrgChangeAlert({ change }: { change: OrgChange }) {
  const { t } = useTranslation();
  const adopt = useRotateKey('adopt');
  const remove = useConnectionAction();
  const accept = useAcceptOrgChange();
  const items = change.carriedOver.map((item) => t(`orgChange.items.${item}`)).join(', ');
  const busy = adopt.busy || remove.busy || accept.busy;
  return (
    <Alert severity="warning">
      <AlertTitle>{t('orgChange.title')}</AlertTitle>
      <Typography variant="body2">
        {t('orgChange.body', {
          previous: change.previousOrgId,
          previousName: change.previousOrgName ? ` (${change.previousOrgName})` : '',
          current: change.orgId,
          name: change.orgName,
        })}
      </Typography>
      <Typography variant="body2" sx={{ mt: 1 }}>
        {change.carriedOver.length ? t('orgChange.carriedOver', { items }) : t('orgChange.nothingCarriedOver')}
      </Typography>
      {change.rebuild && <RebuildHere disabled={busy} />}
      <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
        {change.carriedOver.length > 0 ? (
          <>
            <Button variant="contained" disabled={busy} onClick={() => void adopt.start()}>
              {t('orgChange.adopt')}
            </Button>
            <Button color="error" variant="outlined" disabled={busy} onClick={() => void remove.start('disable')}>
              {t('orgChange.remove')}
            </Button>
          </>
        ) : (
          <Button variant="contained" disabled={busy} onClick={() => void accept.start()}>
            {t('orgChange.accept')}
          </Button>
        )}
      </Stack>
      {[adopt.error, remove.error, accept.error].map((error) => error && <ErrorAlert key={error.code} error={error} />)}
    </Alert>
  );
}

function useAcceptOrgChange() {
  const api = useApi();
  const { update } = useLive();
  const operation = useOperation();
  const start = async () => {
    const connection = await operation.run(() => api['connection.acceptOrgChange']({}));
    if (connection) update({ connection });
  };
  return { ...operation, start };
}
