import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Pending } from '../../components/Pending';
import { useLiveIfLoaded, type LiveState } from '../../state/live';
import { AgentAccessCard } from '../access/AgentAccessCard';
import { AccessCard } from './AccessCard';
import { ConnectionAlerts } from './ConnectionAlerts';
import { SignInCard } from './SignInCard';

// Cards shown only in some connection states: their code is not needed for the first paint.
const loadPreflightCard = () => import('./PreflightCard');
const loadRunProgressCard = () => import('./RunProgressCard');
const loadDetailsCard = () => import('./DetailsCard');
const PreflightCard = lazy(() => loadPreflightCard().then((m) => ({ default: m.PreflightCard })));
const RunProgressCard = lazy(() => loadRunProgressCard().then((m) => ({ default: m.RunProgressCard })));
const DetailsCard = lazy(() => loadDetailsCard().then((m) => ({ default: m.DetailsCard })));

/** Everything about the Salesforce connection, driven only by the live auth and connection state. */
export function SalesforcePanel() {
  const { t } = useTranslation();
  const live = useLiveIfLoaded()?.live;
  return (
    <Stack component="section" aria-labelledby="salesforce-heading" spacing={2} sx={{ minWidth: 0 }}>
      <Typography id="salesforce-heading" variant="h5" component="h2">
        {t('connectors.name.salesforce')}
      </Typography>
      {live ? (
        <LiveCards live={live} />
      ) : (
        // Roughly the signed-out sign-in, access and agent access cards, until the live state arrives.
        <>
          <Pending height={170} />
          <Pending height={150} />
          <Pending height={130} />
        </>
      )}
    </Stack>
  );
}

function LiveCards({ live }: { live: LiveState }) {
  const { connection, auth } = live;
  const running = connection.status === 'running';
  const showRun = connection.run !== undefined && (running || connection.status === 'interrupted');
  const showPreflight = auth.state === 'signedIn' && (connection.status === 'off' || connection.preflight !== undefined);
  // Once the screen is painted, fetch the other cards' code, so a state change later shows them at once.
  useEffect(() => {
    void Promise.all([loadPreflightCard(), loadRunProgressCard(), loadDetailsCard()]).catch(() => undefined);
  }, []);
  return (
    <>
      <SignInCard />
      <ConnectionAlerts connection={connection} />
      <AccessCard />
      {showPreflight && !running && (
        <Suspense fallback={<Pending height={200} />}>
          <PreflightCard />
        </Suspense>
      )}
      {showRun && connection.run && (
        <Suspense fallback={<Pending height={200} />}>
          <RunProgressCard run={connection.run} active={running} />
        </Suspense>
      )}
      {connection.details && (
        <Suspense fallback={<Pending height={400} />}>
          <DetailsCard connection={connection} details={connection.details} />
        </Suspense>
      )}
      <AgentAccessCard />
    </>
  );
}
