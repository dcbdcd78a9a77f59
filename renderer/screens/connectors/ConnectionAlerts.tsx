import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { AppError, CheckProblem, ConnectionState, GrantMark } from '../../../common';
import { formatDateTime } from '../../i18n/format';
import { ErrorAlert } from '../../components/ErrorAlert';
import { HandOverBanner } from './HandOverBanner';
import { OrgChangeAlert } from './OrgChangeAlert';
import { CertificateWarning } from './RotateKey';
import { WaitingAlert } from './WaitingAlert';

/** The connection's problems, each with the action that fixes it (the error's own `action` decides). */
export function ConnectionAlerts({ connection }: { connection: ConnectionState }) {
  const { t } = useTranslation();
  const error = errorOf(connection);
  const drift = connection.drift;
  return (
    <Stack spacing={1}>
      {connection.orgChange && <OrgChangeAlert change={connection.orgChange} />}
      {connection.handOver && connection.status !== 'running' && <HandOverBanner handOver={connection.handOver} />}
      <CertificateWarning certificate={connection.details?.certificate} />
      {connection.status === 'waiting' && <WaitingAlert connection={connection} />}
      {connection.checkProblem && <CheckProblemAlert problem={connection.checkProblem} />}
      {error && connection.status !== 'waiting' && (
        <ErrorAlert
          error={error}
          severity={connection.status === 'drift' || connection.status === 'interrupted' ? 'warning' : 'error'}
          missingFields={[...(drift?.missingObjects ?? []), ...(drift?.missingFields ?? [])]}
        />
      )}
      {drift && <GrantMarks title={t('drift.escalationsTitle')} marks={drift.escalations} severity="warning" />}
      {drift && <GrantMarks title={t('drift.narrowedTitle')} marks={drift.narrowed} severity="info" />}
      {drift && <GrantMarks title={t('drift.handAddedTitle')} marks={drift.handAdded} severity="info" />}
      {connection.leftovers && connection.leftovers.length > 0 && (
        <Alert severity="warning">
          <AlertTitle>{t('drift.leftoversTitle')}</AlertTitle>
          <ListOf items={connection.leftovers} />
        </Alert>
      )}
    </Stack>
  );
}

/** The last check reached no verdict: why (no answer, no key here), under the status it leaves standing. */
function CheckProblemAlert({ problem }: { problem: CheckProblem }) {
  const { t, i18n } = useTranslation();
  return (
    <Stack spacing={0.5}>
      <Typography variant="body2" role="status">
        {t(`checkProblem.${problem.kind}`, { date: formatDateTime(problem.checkedAt, i18n.language) })}
      </Typography>
      <ErrorAlert error={problem.error} severity="warning" />
    </Stack>
  );
}

/**
 * Main sends an error with its action; drift and interrupted states without one still need their
 * buttons, so they get the matching typed error (the screen never guesses from message text).
 */
function errorOf(connection: ConnectionState): AppError | undefined {
  if (connection.error) return connection.error;
  if (connection.status === 'interrupted') return { code: 'INTERRUPTED_RUN', message: '', action: 'resume' };
  if (connection.status === 'drift' && connection.drift) {
    const broken = connection.drift.brokenArtifacts.length > 0;
    return { code: broken ? 'CONNECTION_BROKEN' : 'CONNECTION_DRIFT', message: '', action: broken ? 'reconnect' : 'updateAccess' };
  }
  return undefined;
}

function ListOf({ items }: { items: string[] }) {
  return (
    <Typography component="ul" variant="body2" sx={{ my: 0, pl: 3 }}>
      {items.map((item) => (
        <li key={item}>{item}</li>
      ))}
    </Typography>
  );
}

/** Edit and View All that Update access would add, and what it would take away, by who granted it. */
function GrantMarks({ title, marks, severity }: { title: string; marks: GrantMark[] | undefined; severity: 'info' | 'warning' }) {
  const { t } = useTranslation();
  if (!marks || marks.length === 0) return null;
  return (
    <Alert severity={severity}>
      <AlertTitle>{title}</AlertTitle>
      <ListOf items={marks.map((m) => t(`drift.permission.${m.permission}`, { name: m.name }))} />
    </Alert>
  );
}
