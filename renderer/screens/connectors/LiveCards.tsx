import { lazy, Suspense, useEffect } from 'react';
import { Pending } from '../../components/Pending';
import { afterNextPaint } from '../../state/after-paint';
import type { LiveState } from '../../state/live';
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
const VisibilityCard = lazy(() => import('./VisibilityCard').then((m) => ({ default: m.VisibilityCard })));

/** The Salesforce panel's cards for the live auth and connection state. */
export function LiveCards({ live }: { live: LiveState }) {
  const { connection, auth } = live;
  const running = connection.status === 'running';
  const showRun = connection.run !== undefined && (running || connection.status === 'interrupted');
  const showPreflight = auth.state === 'signedIn' && (connection.status === 'off' || connection.preflight !== undefined);
  // Once these cards are painted, fetch the other cards' code, so a state change later shows them at once.
  useEffect(
    () => afterNextPaint(() => void Promise.all([loadPreflightCard(), loadRunProgressCard(), loadDetailsCard()]).catch(() => undefined)),
    [],
  );
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
      {connection.details && connection.status === 'connected' && (
        <Suspense fallback={<Pending height={160} />}>
          <VisibilityCard connection={connection} />
        </Suspense>
      )}
      <AgentAccessCard />
    </>
  );
}
