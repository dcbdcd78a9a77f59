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
import { useApi } from '../../api/context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useSavedFile } from '../../components/saved-file';
import { useOperation } from '../../state/use-operation';

export const MIN_PASSPHRASE_LENGTH = 12;

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

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (tooShort || mismatch) return;
    const file = await exporting.run(() => api['connection.exportCredentials']({ passphrase }));
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
          {exporting.error && <ErrorAlert error={exporting.error} />}
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
