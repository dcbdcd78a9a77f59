import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RebuildPlan } from '../../../common';
import { useApi } from '../../api/context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useLive } from '../../state/live';
import { useOperation } from '../../state/use-operation';

/**
 * A refreshed sandbox without the agent's app (fact SANDBOX-REFRESH): the review of a rebuild here
 * first, read from the org, then the rebuild with that review's id. Nothing changes before Confirm.
 */
export function RebuildHere({ disabled }: { disabled: boolean }) {
  const { t } = useTranslation();
  const api = useApi();
  const { update } = useLive();
  const review = useOperation();
  const confirm = useOperation();
  const [plan, setPlan] = useState<RebuildPlan | null>(null);
  const onReview = async () => {
    const planned = await review.run(() => api['connection.rebuildPlan']({}));
    if (planned) setPlan(planned);
  };
  const onConfirm = async (planId: string) => {
    const connection = await confirm.run(() => api['connection.rebuildHere']({ planId }));
    if (connection) {
      setPlan(null);
      update({ connection });
    }
  };
  const busy = disabled || review.busy || confirm.busy;
  return (
    <Stack spacing={1} sx={{ mt: 1 }}>
      <Typography variant="body2">{t('orgChange.rebuildIntro')}</Typography>
      {plan ? (
        <section aria-label={t('orgChange.rebuildPlan')}>
          <Typography component="ul" variant="body2" sx={{ my: 0.5, pl: 3 }}>
            {plan.summary.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </Typography>
          <Stack direction="row" spacing={1}>
            <Button variant="contained" disabled={busy} onClick={() => void onConfirm(plan.id)}>
              {t('orgChange.rebuildConfirm')}
            </Button>
            <Button disabled={busy} onClick={() => setPlan(null)}>
              {t('actions.cancel')}
            </Button>
          </Stack>
        </section>
      ) : (
        <Stack direction="row">
          <Button variant="contained" disabled={busy} onClick={() => void onReview()}>
            {t('orgChange.rebuild')}
          </Button>
        </Stack>
      )}
      {[review.error, confirm.error].map((error) => error && <ErrorAlert key={error.code} error={error} />)}
    </Stack>
  );
}
