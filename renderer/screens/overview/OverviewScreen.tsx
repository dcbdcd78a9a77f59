import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrgOverview, WatchCheck } from '../../../common';
import { toAppError, type AppError } from '../../../common/app-error';
import { useApi } from '../../api/context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StatusChip } from '../../components/StatusChip';
import { formatDateTime } from '../../i18n/format';

/** Every org profile at a glance: status, last check, certificate and environment, production marked. */
export default function OverviewScreen() {
  const { t } = useTranslation();
  const api = useApi();
  const [version, setVersion] = useState(0);
  const [orgs, setOrgs] = useState<OrgOverview[] | null>(null);
  const [checks, setChecks] = useState<WatchCheck[]>([]);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(true);
  const refresh = useCallback(() => {
    setBusy(true);
    setVersion((v) => v + 1);
  }, []);
  useEffect(() => {
    let active = true;
    api['connection.overview']({}).then(
      (overview) => active && (setOrgs(overview.orgs), setChecks(overview.checks ?? []), setError(null), setBusy(false)),
      (thrown: unknown) => active && (setError(toAppError(thrown)), setBusy(false)),
    );
    return () => {
      active = false;
    };
  }, [api, version]);
  // A check (scheduled or the admin's) changes what the overview shows.
  useEffect(() => {
    const offChanged = api.on('connection.changed', refresh);
    const offNotice = api.on('health.notice', refresh);
    return () => {
      offChanged();
      offNotice();
    };
  }, [api, refresh]);
  return (
    <Stack component="section" aria-labelledby="overview-heading" spacing={2}>
      <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between' }}>
        <Typography id="overview-heading" variant="h5" component="h2">
          {t('overview.heading')}
        </Typography>
        <Button variant="outlined" disabled={busy} onClick={refresh}>
          {t('overview.refresh')}
        </Button>
      </Stack>
      <Typography variant="body2" color="text.secondary">
        {t('overview.intro')}
      </Typography>
      {error && <ErrorAlert error={error} />}
      {orgs?.length === 0 && <Alert severity="info">{t('overview.empty')}</Alert>}
      {orgs && orgs.length > 0 && <OverviewTable orgs={orgs} />}
      {orgs && <CheckHistory checks={checks} />}
    </Stack>
  );
}

function OverviewTable({ orgs }: { orgs: OrgOverview[] }) {
  const { t } = useTranslation();
  return (
    <Table size="small" aria-labelledby="overview-heading">
      <TableHead>
        <TableRow>
          <TableCell>{t('overview.profile')}</TableCell>
          <TableCell>{t('overview.environment')}</TableCell>
          <TableCell>{t('overview.status')}</TableCell>
          <TableCell>{t('overview.lastChecked')}</TableCell>
          <TableCell>{t('overview.certificate')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {orgs.map((org) => (
          <OrgRow key={org.profileId} org={org} />
        ))}
      </TableBody>
    </Table>
  );
}

/** How many background checks the Overview lists; main keeps more (watch-store.ts). */
const SHOWN_CHECKS = 20;

/** What `agent-connections watch run` found while the app was closed, newest first, changes marked. */
function CheckHistory({ checks }: { checks: WatchCheck[] }) {
  const { t, i18n } = useTranslation();
  return (
    <Stack component="section" aria-labelledby="check-history-heading" spacing={1}>
      <Typography id="check-history-heading" variant="h6" component="h3">
        {t('overview.history.heading')}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {t('overview.history.intro')}
      </Typography>
      {checks.length === 0 ? (
        <Alert severity="info" role="status">
          {t('overview.history.none')}
        </Alert>
      ) : (
        <Table size="small" aria-labelledby="check-history-heading">
          <TableHead>
            <TableRow>
              <TableCell>{t('overview.history.at')}</TableCell>
              <TableCell>{t('overview.history.profile')}</TableCell>
              <TableCell>{t('overview.history.status')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {checks.slice(0, SHOWN_CHECKS).map((check) => (
              <TableRow key={`${check.at}-${check.profile}`}>
                <TableCell>{formatDateTime(check.at, i18n.language)}</TableCell>
                <TableCell>{check.profile}</TableCell>
                <TableCell>
                  <StatusChip status={check.status} />
                  {check.changed && (
                    <Typography variant="caption" sx={{ display: 'block', fontWeight: 600 }}>
                      {t('overview.history.changed', { previous: check.previous ? t(`status.${check.previous}`) : '—' })}
                    </Typography>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Stack>
  );
}

function OrgRow({ org }: { org: OrgOverview }) {
  const { t, i18n } = useTranslation();
  const date = (iso: string) => formatDateTime(iso, i18n.language);
  return (
    <TableRow>
      <TableCell component="th" scope="row">
        <Typography variant="body2">{org.profile}</Typography>
        <Typography variant="caption" color="text.secondary">
          {org.orgName ?? ''} {org.orgId ?? t('overview.orgUnknown')}
        </Typography>
      </TableCell>
      <TableCell>
        {org.production ? (
          <Chip size="small" color="error" variant="filled" label={t('overview.production')} sx={{ fontWeight: 700 }} />
        ) : (
          t(`environments.${org.environment}`)
        )}
      </TableCell>
      <TableCell>
        <StatusChip status={org.status} />
        {org.notChecked && (
          <Typography variant="caption" color="text.secondary" sx={{ display: 'block' }}>
            {t(`overview.notChecked.${org.notChecked}`, { profile: org.profile })}
          </Typography>
        )}
        {org.handOverSince && (
          <Typography variant="caption" color="warning.main" sx={{ display: 'block', fontWeight: 600 }}>
            {t('overview.handOverOwed')}
          </Typography>
        )}
        {org.coexisting && (
          <Typography variant="caption" color="text.secondary" sx={{ display: 'block' }}>
            {t('overview.coexisting', { count: org.coexisting.licencesHeld })}
          </Typography>
        )}
      </TableCell>
      <TableCell>{org.lastCheckedAt ? date(org.lastCheckedAt) : t('overview.never')}</TableCell>
      <TableCell>{org.certificateExpiresAt ? date(org.certificateExpiresAt) : t('overview.none')}</TableCell>
    </TableRow>
  );
}
