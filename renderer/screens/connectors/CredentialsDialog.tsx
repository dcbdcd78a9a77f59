import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { toAppError, type AppError } from '../../../common/app-error';
import { useApi } from '../../api/context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useSavedFile } from '../../components/saved-file';
import { useLive } from '../../state/live';
import { useNow } from '../../state/use-now';
import { useOperation } from '../../state/use-operation';
import { useSignIn } from '../../state/use-sign-in';

export const MIN_PASSPHRASE_LENGTH = 12;

/**
 * Whether the admin's last sign-in still confirms them: until the time main gave, unless main has
 * already refused it (main's clock decides); a new sign-in brings a new time.
 */
function useConfirmation(): { confirmed: boolean; refused: (error: AppError) => void } {
  const { auth } = useLive().live;
  const now = useNow(5_000);
  const [refusedUntil, setRefused] = useState<string | null>(null);
  const until = auth.state === 'signedIn' ? (auth.confirmedUntil ?? '') : '';
  const confirmed = until !== '' && until !== refusedUntil && Date.parse(until) > now;
  const refused = (error: AppError) => {
    if (error.code === 'CONFIRMATION_REQUIRED') setRefused(until);
  };
  return { confirmed, refused };
}

/** Main exports the key only for an admin who signed in again a few minutes ago: this asks for that sign-in. */
function SignInToConfirm({ confirmed }: { confirmed: boolean }) {
  const { t } = useTranslation();
  const { auth } = useLive().live;
  const confirming = useSignIn();
  if (confirmed) {
    return (
      <Alert severity="success" sx={{ mb: 2 }}>
        {t('credentials.confirmed')}
      </Alert>
    );
  }
  const waiting = auth.state === 'signingIn';
  return (
    <Stack spacing={1} sx={{ mb: 2 }}>
      <Alert
        severity="info"
        action={
          <Button color="inherit" size="small" disabled={confirming.busy || waiting} onClick={() => void confirming.signIn()}>
            {t('credentials.confirmButton')}
          </Button>
        }
      >
        {waiting ? t('credentials.confirmWaiting') : t('credentials.confirmNeeded')}
      </Alert>
      {confirming.error && <ErrorAlert error={confirming.error} />}
    </Stack>
  );
}

/** The agent's private key leaves only encrypted, with a passphrase the admin types twice. */
export function CredentialsDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const saved = useSavedFile();
  const exporting = useOperation();
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const tooShort = passphrase.length < MIN_PASSPHRASE_LENGTH;
  const mismatch = repeat !== passphrase;
  const confirmation = useConfirmation();
  const refused = exporting.error?.code === 'CONFIRMATION_REQUIRED';

  const submit = async (event: FormEvent | null, handOver = false) => {
    event?.preventDefault();
    setSubmitted(true);
    if (tooShort || mismatch) return;
    const file = await exporting.run(async () => {
      try {
        return await api['connection.exportCredentials']({ passphrase, ...(handOver && { handOver: true }) });
      } catch (thrown) {
        confirmation.refused(toAppError(thrown));
        throw thrown;
      }
    });
    if (file) {
      saved(file);
      onClose();
    }
  };

  return (
    <Dialog open onClose={onClose} aria-labelledby="credentials-title" maxWidth="sm" fullWidth>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <DialogTitle id="credentials-title">{t('credentials.title')}</DialogTitle>
        <DialogContent>
          <DialogContentText>{t('credentials.intro')}</DialogContentText>
          <Alert severity="warning" sx={{ my: 2 }}>
            {t('credentials.warning')}
          </Alert>
          <SignInToConfirm confirmed={confirmation.confirmed} />
          <Stack spacing={2}>
            <TextField
              label={t('credentials.passphrase')}
              type="password"
              autoComplete="new-password"
              autoFocus
              value={passphrase}
              onChange={(event) => setPassphrase(event.target.value)}
              error={submitted && tooShort}
              helperText={t('credentials.minLength', { min: MIN_PASSPHRASE_LENGTH })}
            />
            <TextField
              label={t('credentials.repeat')}
              type="password"
              autoComplete="new-password"
              value={repeat}
              onChange={(event) => setRepeat(event.target.value)}
              error={submitted && mismatch}
              helperText={submitted && mismatch ? t('credentials.mismatch') : ' '}
            />
          </Stack>
          {exporting.error && !refused && <ErrorAlert error={exporting.error} onHandOver={() => void submit(null, true)} />}
          {/* Said where the admin pressed Export: nothing was written until they confirm it is them. */}
          {refused && !confirmation.confirmed && (
            <Alert severity="warning" sx={{ mt: 1 }}>
              {t('credentials.notExportedConfirm')}
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{t('actions.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={exporting.busy}>
            {t('credentials.export')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
