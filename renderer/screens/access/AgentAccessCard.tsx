import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import CircularProgress from '@mui/material/CircularProgress';
import FormHelperText from '@mui/material/FormHelperText';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { lazy, Suspense, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccessProfile, AppError } from '../../../common';
import { toAppError } from '../../../common/app-error';
import { useApi } from '../../api/context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useLive } from '../../state/live';
import { CardHeading } from '../../components/CardHeading';

// The picker pulls in Autocomplete and the describe logic: loaded only when an admin opens it.
const AgentAccessDialog = lazy(() => import('./AgentAccessDialog'));

/** What the agent reads, in brief, and the way into the field picker. */
export function AgentAccessCard() {
  const { t } = useTranslation();
  const api = useApi();
  const { live } = useLive();
  const reasonId = useId();
  const [profile, setProfile] = useState<AccessProfile | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [editing, setEditing] = useState(false);
  const signedIn = live.auth.state === 'signedIn';
  const running = live.connection.status === 'running';

  // Read again after a save and whenever the connection or the active profile changes (a run, another
  // window, the CLI): the card shows what main holds, never what it held when it first painted.
  const [saves, setSaves] = useState(0);
  const changed = `${live.settings.activeProfileId ?? ''}|${live.connection.orgId ?? ''}|${live.connection.status}|${saves}`;
  useEffect(() => {
    let active = true;
    api['agent.accessProfile.get']({}).then(
      (loaded) => {
        if (!active) return;
        setProfile(loaded);
        setError(null);
      },
      (thrown: unknown) => active && setError(toAppError(thrown)),
    );
    return () => {
      active = false;
    };
  }, [api, changed]);

  const blocked = !signedIn ? t('agentAccess.signInFirst') : running ? t('access.blocked.runInProgress') : null;

  return (
    <Card component="section" aria-labelledby="agent-access-heading">
      <CardContent>
        <CardHeading id="agent-access-heading" title={t('agentAccess.heading')}>
          <Button
            variant="outlined"
            disabled={!profile || blocked !== null}
            aria-describedby={blocked ? reasonId : undefined}
            onClick={() => setEditing(true)}
          >
            {t('agentAccess.change')}
          </Button>
        </CardHeading>
        <Typography variant="body2" color="text.secondary">
          {t('agentAccess.intro', { agent: live.settings.agentName })}
        </Typography>
        {blocked && <FormHelperText id={reasonId}>{blocked}</FormHelperText>}
        {error && <ErrorAlert error={error} />}
        {!profile && !error && <CircularProgress size={24} aria-label={t('common.loading')} />}
        {profile && <ProfileSummary profile={profile} />}
      </CardContent>
      {editing && profile && (
        <Suspense fallback={null}>
          <AgentAccessDialog
            initial={profile}
            onClose={() => setEditing(false)}
            onSaved={(saved) => (setProfile(saved), setSaves((n) => n + 1))}
          />
        </Suspense>
      )}
    </Card>
  );
}

function ProfileSummary({ profile }: { profile: AccessProfile }) {
  const { t } = useTranslation();
  const yes = (flag: boolean) => (flag ? t('common.yes') : t('common.no'));
  return (
    <Table size="small" aria-label={t('agentAccess.summaryLabel')} sx={{ mt: 1 }}>
      <TableHead>
        <TableRow>
          <TableCell>{t('grants.object')}</TableCell>
          <TableCell>{t('agentAccess.fields')}</TableCell>
          <TableCell>{t('grants.viewAll')}</TableCell>
          <TableCell>{t('grants.edit')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {profile.objects.map((access) => (
          <TableRow key={access.object}>
            <TableCell>{access.object}</TableCell>
            <TableCell sx={{ overflowWrap: 'anywhere' }}>
              {access.fields.length ? access.fields.join(', ') : t('agentAccess.objectOnly')}
            </TableCell>
            <TableCell>{yes(access.viewAllRecords)}</TableCell>
            <TableCell>{yes(access.edit)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
