import Alert, { type AlertColor } from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { AppError, ErrorAction } from '../../common';
import { useConnectionAction, type ConnectionAction } from '../state/use-connection-action';
import { useNavigation } from '../state/navigation';
import { useSignIn } from '../state/use-sign-in';
import { useErrorText } from './error-text';
import { useApi } from '../api/context';
import { SalesforceWords } from './SalesforceWords';

export interface ErrorAlertProps {
  error: AppError;
  severity?: AlertColor;
  /** `Object.Field` names the agent needs but the connection does not grant (recreate / update access). */
  missingFields?: string[];
  onRetry?: () => void;
  /** NOT_CONNECTION_OWNER: the same action again, with the admin's word that they take the connection over. */
  onHandOver?: () => void;
}

/**
 * Which connection runs an error's action offers, the gentlest first (it is the primary button):
 * Update access changes only the permission set, Recreate replaces everything and the consumer key.
 */
const runsFor: Partial<Record<ErrorAction, ConnectionAction[]>> = {
  reconnect: ['reconnect'],
  // Repair keeps the app and its consumer key; Reconnect stays offered as the last resort.
  repair: ['repair', 'reconnect'],
  rotateKey: ['rotateKey'],
  recreate: ['updateAccess', 'recreate'],
  updateAccess: ['updateAccess', 'recreate'],
  resume: ['resume', 'rollback'],
  rollback: ['resume', 'rollback'],
};

/** The connection runs an error offers (Update access, Reconnect, a reviewed take-over...). */
function runButtons(error: AppError, run: ReturnType<typeof useConnectionAction>, busy: boolean, t: TFunction): ReactNode[] {
  const buttons: ReactNode[] = (runsFor[error.action ?? 'retry'] ?? []).map((action) => (
    <Button
      key={action}
      variant={
        action === 'recreate' || action === 'rollback' || (action === 'reconnect' && error.action === 'repair') ? 'outlined' : 'contained'
      }
      disabled={busy}
      onClick={() => void run.start(action)}
    >
      {t(`actions.${action}`)}
    </Button>
  ));
  // A first turn-on that failed and was rolled back clean: trying again is the fix (reviewed again first).
  if (error.action === 'retry' && error.params?.run === 'enable')
    buttons.push(
      <Button key="tryAgain" variant="contained" disabled={busy} onClick={() => void run.start('enable')}>
        {t('actions.retry')}
      </Button>,
    );
  // Another install manages the connection: the take-over is reviewed first, with what it breaks said up front.
  const takeOverRun = error.params?.run === 'reconnect' ? 'reconnect' : 'enable';
  if (error.action === 'takeOver') {
    buttons.push(
      <Button
        key="takeOver"
        variant="outlined"
        color="warning"
        disabled={busy}
        onClick={() => void run.start(takeOverRun, { takeOver: true })}
      >
        {t('actions.takeOver')}
      </Button>,
    );
  }
  return buttons;
}

const setupArtifacts = ['app', 'user', 'permissionSet'] as const;

/** The part of the connection the error names, opened in Salesforce Setup (the fix is made there). */
function OpenSetupButton({ error }: { error: AppError }) {
  const { t } = useTranslation();
  const api = useApi();
  const named = setupArtifacts.find((a) => a === error.params?.setupArtifact) ?? 'user';
  return (
    <Button variant="contained" onClick={() => void api['connection.openInSetup']({ artifact: named }).catch(() => undefined)}>
      {t('actions.openSetup')}
    </Button>
  );
}

/** An error as an admin sees it: what happened, in their words, and the button that fixes it. Never a stack. */
export function ErrorAlert({ error, severity = 'error', missingFields = [], onRetry, onHandOver }: ErrorAlertProps) {
  const { t } = useTranslation();
  const describe = useErrorText();
  const { go } = useNavigation();
  const signIn = useSignIn();
  const run = useConnectionAction();
  const { headline, detail } = describe(error);
  const busy = signIn.busy || run.busy;
  const followUpError = signIn.error ?? run.error;

  const buttons: ReactNode[] = [...runButtons(error, run, busy, t)];
  if (error.action === 'signIn') {
    buttons.push(
      <Button key="signIn" variant="contained" disabled={busy} onClick={() => void signIn.signIn()}>
        {t('actions.signInAgain')}
      </Button>,
    );
  }
  // An error about one org profile opens that profile, whatever its main action.
  const profileId = typeof error.params?.profileId === 'string' ? error.params.profileId : undefined;
  if (error.action === 'openSettings' || profileId) {
    buttons.push(
      <Button key="settings" variant="outlined" onClick={() => go('settings', profileId ? { profileId } : undefined)}>
        {t('actions.openSettings')}
      </Button>,
    );
  }
  if (error.action === 'openSetup') buttons.push(<OpenSetupButton key="setup" error={error} />);
  if (error.action === 'handOver' && onHandOver) {
    buttons.push(
      <Button key="handOver" variant="outlined" color="warning" disabled={busy} onClick={onHandOver}>
        {t('actions.handOver', { owner: error.params?.owner ?? '' })}
      </Button>,
    );
  }
  if (error.action === 'retry' && onRetry) {
    buttons.push(
      <Button key="retry" variant="outlined" disabled={busy} onClick={onRetry}>
        {t('actions.retry')}
      </Button>,
    );
  }

  return (
    <Alert severity={severity}>
      <AlertTitle>{headline}</AlertTitle>
      {detail && <Typography variant="body2">{detail}</Typography>}
      <SalesforceWords error={error} shown={`${headline} ${detail ?? ''}`} />
      {missingFields.length > 0 && (
        <>
          <Typography variant="body2" sx={{ mt: 1 }}>
            {t('drift.missingFields')}
          </Typography>
          <Typography component="ul" variant="body2" sx={{ my: 0.5, pl: 3 }}>
            {missingFields.map((field) => (
              <li key={field}>
                <code>{field}</code>
              </li>
            ))}
          </Typography>
          {buttons.length > 1 && (
            <Typography variant="body2" sx={{ mb: 1 }}>
              {t('drift.recreateOrUpdate')}
            </Typography>
          )}
        </>
      )}
      {buttons.length > 0 && (
        <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
          {buttons}
        </Stack>
      )}
      {followUpError && (
        <Typography variant="body2" sx={{ mt: 1 }} role="status">
          {describe(followUpError).headline}
        </Typography>
      )}
    </Alert>
  );
}
