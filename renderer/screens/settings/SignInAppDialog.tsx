import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrgProfile, SignInAppPlan } from '../../../common';
import { useApi } from '../../api/context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useLive } from '../../state/live';
import { useOperation } from '../../state/use-operation';

const validPort = (value: string): boolean => /^\d+$/.test(value) && Number(value) >= 1024 && Number(value) <= 65535;

/**
 * Sets up (or removes) the org's own sign-in app for the active profile, reviewed like every other
 * change: the admin picks the callback port and who gets the permission set, reads the plan from the
 * org, then confirms. The profile then signs in with the app, so the admin signs in again.
 */
export function SignInAppDialog({ profile, kind, onClose }: { profile: OrgProfile; kind: SignInAppPlan['kind']; onClose: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const { update } = useLive();
  const operation = useOperation();
  const [port, setPort] = useState(String(profile.callbackPort));
  const [assign, setAssign] = useState('');
  const [plan, setPlan] = useState<SignInAppPlan | null>(null);
  const [done, setDone] = useState(false);
  const review = () =>
    void operation
      .run(() =>
        api['signInApp.plan']({
          kind,
          ...(kind === 'create' && {
            callbackPort: Number(port),
            assignTo: assign
              .split(',')
              .map((u) => u.trim())
              .filter(Boolean),
          }),
        }),
      )
      .then((next) => next && setPlan(next));
  const confirm = (planId: string) =>
    void operation
      .run(async () => {
        await (kind === 'create' ? api['signInApp.create']({ planId }) : api['signInApp.remove']({ planId }));
        return api['settings.get']({});
      })
      .then((settings) => {
        if (!settings) return;
        update({ settings });
        setDone(true);
      });
  const title = t(kind === 'create' ? 'signInApp.createTitle' : 'signInApp.removeTitle');
  return (
    <Dialog open onClose={onClose} aria-labelledby="sign-in-app-title" fullWidth maxWidth="sm">
      <DialogTitle id="sign-in-app-title">{title}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <Typography variant="body2">{t(kind === 'create' ? 'signInApp.createIntro' : 'signInApp.removeIntro')}</Typography>
          {kind === 'create' && !plan && <Fields port={port} setPort={setPort} assign={assign} setAssign={setAssign} />}
          {plan && !done && <PlanList plan={plan} />}
          {done && <Alert severity="success">{t(kind === 'create' ? 'signInApp.created' : 'signInApp.removed')}</Alert>}
          {operation.error && <ErrorAlert error={operation.error} />}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t(done ? 'signInApp.close' : 'signInApp.cancel')}</Button>
        {!plan && (
          <Button variant="contained" disabled={operation.busy || (kind === 'create' && !validPort(port))} onClick={review}>
            {t('signInApp.review')}
          </Button>
        )}
        {plan && !done && (
          <Button
            variant="contained"
            color={kind === 'remove' ? 'error' : 'primary'}
            disabled={operation.busy}
            onClick={() => confirm(plan.id)}
          >
            {t(kind === 'create' ? 'signInApp.confirmCreate' : 'signInApp.confirmRemove')}
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}

interface FieldsProps {
  port: string;
  setPort: (value: string) => void;
  assign: string;
  setAssign: (value: string) => void;
}

function Fields({ port, setPort, assign, setAssign }: FieldsProps) {
  const { t } = useTranslation();
  return (
    <>
      <TextField
        label={t('signInApp.port')}
        value={port}
        onChange={(e) => setPort(e.target.value)}
        error={!validPort(port)}
        helperText={validPort(port) ? t('signInApp.portHelp', { port }) : t('settings.profile.portInvalid')}
      />
      <TextField
        label={t('signInApp.assign')}
        value={assign}
        onChange={(e) => setAssign(e.target.value)}
        helperText={t('signInApp.assignHelp')}
      />
    </>
  );
}

function PlanList({ plan }: { plan: SignInAppPlan }) {
  const { t } = useTranslation();
  return (
    <section aria-label={t('signInApp.planHeading')}>
      <Typography variant="subtitle2">{t('signInApp.planHeading')}</Typography>
      <ul>
        {plan.summary.map((line) => (
          <li key={line}>
            <Typography variant="body2">{line}</Typography>
          </li>
        ))}
      </ul>
    </section>
  );
}
