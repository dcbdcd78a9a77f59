import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError, RunProgress, StepId } from '../../../common';
import { toAppError } from '../../../common/app-error';
import { useApi } from '../../api/context';
import { ErrorAlert } from '../../components/ErrorAlert';

/** The steps that leave something in Salesforce (or the agent's key on this computer), which a cancel removes again. */
const creates = new Set<StepId>(['permissionSet', 'accessGrants', 'integrationUser', 'licence', 'assignment', 'keyPair', 'app']);

/** What a cancel would take back now: what the run has made or is making. */
function createdSoFar(run: RunProgress): StepId[] {
  return run.steps.filter((s) => creates.has(s.id) && (s.state === 'done' || s.state === 'running')).map((s) => s.id);
}

/** A removal in progress is stopped, not undone: nothing half-configured is rebuilt. */
const removing = (run: RunProgress): boolean =>
  run.kind === 'disable' ||
  (run.steps.some((s) => s.id === 'removeApp') && !run.steps.some((s) => s.id === 'preflight' && s.state !== 'pending'));

/** Cancel, with a short review of what cancelling does before anything is stopped. */
export function CancelRunButton({ run }: { run: RunProgress }) {
  const { t } = useTranslation();
  const api = useApi();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const created = createdSoFar(run);
  const confirm = () => {
    setBusy(true);
    api['connection.cancel']({}).then(
      () => setOpen(false),
      (thrown: unknown) => {
        setBusy(false);
        setError(toAppError(thrown));
      },
    );
  };
  return (
    <>
      {/* Neutral, not warning-coloured: orange text on white falls short of WCAG AA contrast; the review says what cancelling does. */}
      <Button variant="outlined" color="inherit" disabled={busy} onClick={() => setOpen(true)} sx={{ my: 1 }}>
        {busy ? t('run.cancel.cancelling') : t('run.cancel.button')}
      </Button>
      {open && (
        <Dialog
          open
          onClose={() => setOpen(false)}
          aria-labelledby="cancel-run-title"
          aria-describedby="cancel-run-description"
          maxWidth="sm"
          fullWidth
        >
          <DialogTitle id="cancel-run-title">{t('run.cancel.title')}</DialogTitle>
          <DialogContent>
            <DialogContentText id="cancel-run-description">
              {removing(run) ? t('run.cancel.removal') : created.length ? t('run.cancel.removes') : t('run.cancel.nothingYet')}
            </DialogContentText>
            {!removing(run) && created.length > 0 && (
              <Typography component="ul" variant="body2" sx={{ pl: 3 }}>
                {created.map((id) => (
                  <li key={id}>{t(`steps.${id}`)}</li>
                ))}
              </Typography>
            )}
            {error && <ErrorAlert error={error} />}
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setOpen(false)} autoFocus>
              {t('run.cancel.keepRunning')}
            </Button>
            <Button color="warning" variant="contained" disabled={busy} onClick={confirm}>
              {t('run.cancel.confirm')}
            </Button>
          </DialogActions>
        </Dialog>
      )}
    </>
  );
}
