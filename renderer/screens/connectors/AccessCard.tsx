import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import Typography from '@mui/material/Typography';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useLive } from '../../state/live';
import { useConnectionAction } from '../../state/use-connection-action';
import { isAccessOn } from './connection-status';

type BlockReason = 'signInFirst' | 'runInProgress' | 'resolveInterrupted' | 'resolveWaiting' | null;

/**
 * "Turn on access" + Save, as in the seed product: the switch is a draft until Save, and Save is enabled
 * only while the draft differs from what is live in the org. Either way the review shows the plan first.
 */
export function AccessCard() {
  const { t } = useTranslation();
  const { live } = useLive();
  const reasonId = useId();
  const run = useConnectionAction();
  const liveOn = isAccessOn(live.connection);
  // A draft remembers the live value it was made against, so it lapses by itself when the org changes.
  const [draft, setDraft] = useState<{ on: boolean; against: boolean } | null>(null);
  const wanted = draft && draft.against === liveOn ? draft.on : liveOn;

  const reason: BlockReason =
    live.auth.state !== 'signedIn'
      ? 'signInFirst'
      : live.connection.status === 'running'
        ? 'runInProgress'
        : live.connection.status === 'interrupted'
          ? 'resolveInterrupted'
          : live.connection.status === 'waiting'
            ? 'resolveWaiting'
            : null;
  const canSave = reason === null && wanted !== liveOn && !run.busy;

  // Both ways open the review of what will be created or removed; nothing changes before Confirm.
  // A started run settles the draft; a cancelled review keeps it, so Save stays offered.
  const save = () => void run.start(wanted ? 'enable' : 'disable').then((started) => started && setDraft(null));

  return (
    <Card component="section" aria-labelledby="access-heading">
      <CardContent>
        <Typography id="access-heading" variant="h6" component="h3" gutterBottom>
          {t('access.heading', { agent: live.settings.agentName })}
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {t('access.intro')}
        </Typography>
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
          <FormControlLabel
            label={t('access.toggle')}
            disabled={reason !== null}
            control={
              <Switch
                checked={wanted}
                onChange={(event) => setDraft({ on: event.target.checked, against: liveOn })}
                slotProps={{ input: { 'aria-describedby': reason ? reasonId : undefined } }}
              />
            }
          />
          <Button variant="contained" disabled={!canSave} onClick={save}>
            {t('actions.save')}
          </Button>
        </Stack>
        {reason && <FormHelperText id={reasonId}>{t(`access.blocked.${reason}`)}</FormHelperText>}
        {canSave && <FormHelperText>{wanted ? t('access.pendingOn') : t('access.pendingOff')}</FormHelperText>}
        {run.error && <ErrorAlert error={run.error} />}
      </CardContent>
    </Card>
  );
}
