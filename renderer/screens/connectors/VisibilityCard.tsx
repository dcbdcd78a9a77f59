import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import CircularProgress from '@mui/material/CircularProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccessProfile, ConnectionState, ObjectVisibility, VisibilityReport } from '../../../common';
import { useApi } from '../../api/context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useOperation } from '../../state/use-operation';
import { VisibilitySample } from './VisibilitySample';
import { CardHeading } from '../../components/CardHeading';

// The field picker, opened with View All on one object already ticked: the admin still reviews and saves it.
const AgentAccessDialog = lazy(() => import('../access/AgentAccessDialog'));

const fewer = (o: ObjectVisibility): boolean => o.agentCanSee !== null && o.adminCanSee !== null && o.agentCanSee < o.adminCanSee;

/** The access profile with View All Records on `object`, for the admin to confirm in the picker. */
export function withViewAll(profile: AccessProfile, object: string): AccessProfile {
  return { ...profile, objects: profile.objects.map((o) => (o.object === object ? { ...o, viewAllRecords: true } : o)) };
}

/**
 * What the agent sees, counted as the agent after Enable and after each Test connection (both leave a
 * new `lastVerifiedAt`): per object N of M records, why, and the smallest fix.
 */
export function VisibilityCard({ connection }: { connection: ConnectionState }) {
  const { t } = useTranslation();
  const api = useApi();
  const loading = useOperation();
  const [report, setReport] = useState<VisibilityReport | null>(null);
  const [preset, setPreset] = useState<AccessProfile | null>(null);
  const ready = connection.status === 'connected';
  const verifiedAt = connection.details?.lastVerifiedAt ?? null;
  const { run } = loading;

  const load = useCallback(async () => {
    const loaded = await run(() => api['connection.visibility']({}));
    if (loaded) setReport(loaded);
  }, [api, run]);
  useEffect(() => {
    // Counted again after each verification; started after this render commits, so the busy state
    // it sets does not re-render inside the effect.
    if (ready) void Promise.resolve().then(load);
  }, [ready, verifiedAt, load]);

  const openFix = async (object: string) => {
    const profile = await run(() => api['agent.accessProfile.get']({}));
    if (profile) setPreset(withViewAll(profile, object));
  };

  return (
    <Card component="section" aria-labelledby="visibility-heading">
      <CardContent>
        <CardHeading id="visibility-heading" title={t('visibility.heading')}>
          <Button variant="outlined" disabled={!ready || loading.busy} onClick={() => void load()}>
            {t('visibility.refresh')}
          </Button>
        </CardHeading>
        <Typography variant="body2" color="text.secondary">
          {t('visibility.intro')}
        </Typography>
        {loading.busy && <CircularProgress size={24} aria-label={t('visibility.loading')} sx={{ mt: 1 }} />}
        {loading.error && <ErrorAlert error={loading.error} />}
        {report && (
          <Stack spacing={1} sx={{ mt: 1 }}>
            {report.objects.map((o) => (
              <ObjectLine key={o.object} visibility={o} onFix={() => void openFix(o.object)} />
            ))}
          </Stack>
        )}
      </CardContent>
      {preset && (
        <Suspense fallback={null}>
          <AgentAccessDialog initial={preset} onClose={() => setPreset(null)} onSaved={() => setPreset(null)} />
        </Suspense>
      )}
    </Card>
  );
}

function ObjectLine({ visibility: o, onFix }: { visibility: ObjectVisibility; onFix: () => void }) {
  const { t } = useTranslation();
  const counted =
    o.agentCanSee === null
      ? t('visibility.cannotRead', { object: o.object })
      : t('visibility.sees', { seen: o.agentCanSee, total: o.adminCanSee ?? '?', object: o.object });
  const why = t(`visibility.reasons.${o.reason}`, { object: o.object });
  return (
    // A note to read, not an interruption: seven of them as alerts would each be announced at once.
    <Alert severity={fewer(o) || o.agentCanSee === null ? 'warning' : 'success'} role="status" aria-label={o.object}>
      <Typography variant="body2">
        {counted}: {why}
      </Typography>
      {o.fix === 'viewAllRecords' && (
        <>
          <Typography variant="body2">{t('visibility.fixViewAll', { object: o.object })}</Typography>
          <Typography variant="body2" color="text.secondary">
            {t('visibility.fixSharingRule')}
          </Typography>
          <Button size="small" variant="outlined" sx={{ mt: 0.5 }} onClick={onFix}>
            {t('visibility.changeAccess')}
          </Button>
        </>
      )}
      {o.readableFields.length > 0 && (
        <Typography variant="body2">{t('visibility.readableFields', { fields: o.readableFields.join(', ') })}</Typography>
      )}
      {o.unreadableFields.length > 0 && (
        <Typography variant="body2">{t('visibility.unreadableFields', { fields: o.unreadableFields.join(', ') })}</Typography>
      )}
      {o.agentCanSee !== null && o.agentCanSee > 0 && <VisibilitySample object={o.object} />}
    </Alert>
  );
}
