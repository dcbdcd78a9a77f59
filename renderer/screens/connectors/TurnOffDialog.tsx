import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError, RemovalPlan } from '../../../common';
import { toAppError } from '../../../common/app-error';
import { useApi } from '../../api/context';
import { ErrorAlert } from '../../components/ErrorAlert';

/** Shows what turning off removes before anything is removed; Salesforce deactivates users, never deletes them. */
export function TurnOffDialog({ onClose, onConfirm }: { onClose: () => void; onConfirm: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [plan, setPlan] = useState<RemovalPlan | null>(null);
  const [error, setError] = useState<AppError | null>(null);

  useEffect(() => {
    let active = true;
    api['connection.removalPlan']({}).then(
      (loaded) => active && setPlan(loaded),
      (thrown: unknown) => active && setError(toAppError(thrown)),
    );
    return () => {
      active = false;
    };
  }, [api]);

  return (
    <Dialog open onClose={onClose} aria-labelledby="turn-off-title" aria-describedby="turn-off-description" maxWidth="sm" fullWidth>
      <DialogTitle id="turn-off-title">{t('turnOff.title')}</DialogTitle>
      <DialogContent>
        <DialogContentText id="turn-off-description">{t('turnOff.intro')}</DialogContentText>
        {!plan && !error && <CircularProgress size={24} aria-label={t('common.loading')} sx={{ my: 2 }} />}
        {error && <ErrorAlert error={error} />}
        {plan && (
          <Typography component="ul" variant="body2" sx={{ pl: 3 }}>
            {plan.items.map((item) => (
              <li key={item.step}>
                {t(`steps.${item.step}`)}
                <Typography component="span" variant="body2" color="text.secondary">
                  {' '}
                  — {t(`turnOff.items.${item.step}`, { name: item.name ?? '', defaultValue: item.description })}
                </Typography>
              </li>
            ))}
          </Typography>
        )}
        <Alert severity="info" sx={{ mt: 1 }}>
          {t('turnOff.userDeactivated')}
        </Alert>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} autoFocus>
          {t('actions.cancel')}
        </Button>
        <Button color="error" variant="contained" disabled={!plan} onClick={onConfirm}>
          {t('turnOff.confirm')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
