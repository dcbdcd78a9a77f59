import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import IconButton from '@mui/material/IconButton';
import Stack from '@mui/material/Stack';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import OpenInNewIcon from '@mui/icons-material/OpenInNew';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConnectionDetails, ConnectionState, ExportFormat, HealthReport, VisibilityReport } from '../../../common';
import { useApi } from '../../api/context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ExportMenu } from '../../components/ExportMenu';
import { useNotify } from '../../components/notify';
import { useSavedFile } from '../../components/saved-file';
import { StatusChip } from '../../components/StatusChip';
import { formatDateTime } from '../../i18n/format';
import { useOperation } from '../../state/use-operation';
import { chipStatusOf } from './connection-status';
import { CredentialsDialog } from './CredentialsDialog';
import { GrantsTable } from './GrantsTable';
import { AgentHandOver } from './AgentHandOver';
import { CertificateText, RotateKeyButton } from './RotateKey';

type Artifact = 'app' | 'user' | 'permissionSet';

/** Everything the contract says about the live connection, with Setup links, a test and exports. */
export function DetailsCard({ connection, details }: { connection: ConnectionState; details: ConnectionDetails }) {
  const { t, i18n } = useTranslation();
  const date = (iso: string) => formatDateTime(iso, i18n.language);
  return (
    <Card component="section" aria-labelledby="details-heading">
      <CardContent>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 2 }}>
          <Typography id="details-heading" variant="h6" component="h3">
            {t('details.heading')}
          </Typography>
          <StatusChip status={chipStatusOf(connection)} />
        </Stack>
        <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: 'minmax(9rem, max-content) 1fr', columnGap: 2, rowGap: 1, m: 0 }}>
          <Row label={t('details.org')}>
            {details.org.name} · {t(`environments.${details.org.environment}`)}
            <Secondary>
              {details.org.id} · {details.org.myDomainUrl}
            </Secondary>
          </Row>
          <Row label={t('details.audience')}>
            {details.org.audience}
            <Secondary>{t('details.audienceHelp')}</Secondary>
          </Row>
          <Row label={t('details.app')}>
            {details.app.label}
            <Secondary>
              {details.app.apiName} · {t('details.createdAt', { date: date(details.app.createdAt) })}
            </Secondary>
            <SetupLink artifact="app" label={t('details.app')} />
          </Row>
          <Row label={t('details.consumerKey')}>
            <ConsumerKey value={details.app.consumerKey} />
          </Row>
          <Row label={t('details.user')}>
            {details.user.name}
            <Secondary>
              {details.user.username} · {details.user.id}
            </Secondary>
            <Secondary>
              {details.user.active ? t('details.active') : t('details.inactive')} · {details.user.licence} · {details.user.profile}
            </Secondary>
            <SetupLink artifact="user" label={t('details.user')} />
          </Row>
          <Row label={t('details.permissionSet')}>
            {details.permissionSet.label}
            <Secondary>
              {details.permissionSet.apiName} · {details.permissionSet.id}
            </Secondary>
            <SetupLink artifact="permissionSet" label={t('details.permissionSet')} />
          </Row>
          {details.certificate && (
            <Row label={t('details.certificate')}>
              <CertificateText certificate={details.certificate} />
            </Row>
          )}
          <Row label={t('details.created')}>{t('details.createdBy', { date: date(details.createdAt), by: details.createdBy })}</Row>
          <Row label={t('details.lastVerified')}>{details.lastVerifiedAt ? date(details.lastVerifiedAt) : t('details.never')}</Row>
          <Row label={t('details.lastChecked')}>{details.lastCheckedAt ? date(details.lastCheckedAt) : t('details.never')}</Row>
        </Box>
        <Typography variant="subtitle2" component="h4" sx={{ mt: 2, mb: 1 }}>
          {t('details.grants')}
        </Typography>
        <GrantsTable grants={details.grants} />
        {details.notInOrg && details.notInOrg.length > 0 && (
          <Alert severity="info" sx={{ mt: 1 }}>
            {t('details.notInOrg', { names: details.notInOrg.join(', '), count: details.notInOrg.length })}
          </Alert>
        )}
        <DetailsActions rotatedAt={details.certificate?.rotatedAt} />
        <AgentHandOver details={details} />
      </CardContent>
    </Card>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <Typography component="dt" variant="body2" color="text.secondary">
        {label}
      </Typography>
      <Typography component="dd" variant="body2" sx={{ m: 0, minWidth: 0, overflowWrap: 'anywhere' }}>
        {children}
      </Typography>
    </>
  );
}

function Secondary({ children }: { children: ReactNode }) {
  return (
    <Typography component="span" variant="body2" color="text.secondary" sx={{ display: 'block' }}>
      {children}
    </Typography>
  );
}

function ConsumerKey({ value }: { value: string }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const copy = () =>
    navigator.clipboard.writeText(value).then(
      () => notify(t('details.copied')),
      () => notify(t('details.copyFailed')),
    );
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
      <Box component="code" sx={{ overflowWrap: 'anywhere' }}>
        {value}
      </Box>
      <Tooltip title={t('details.copyKey')}>
        <IconButton size="small" aria-label={t('details.copyKey')} onClick={() => void copy()}>
          <ContentCopyIcon fontSize="small" />
        </IconButton>
      </Tooltip>
    </Stack>
  );
}

/** Setup links go through main's guarded openExternal (desktop) or a new tab (browser mode). */
function SetupLink({ artifact, label }: { artifact: Artifact; label: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const open = useOperation();
  const onOpen = async () => {
    const result = await open.run(() => api['connection.openInSetup']({ artifact }));
    if (result && !result.opened) window.open(result.url, '_blank', 'noopener');
  };
  return (
    <Box sx={{ mt: 0.5 }}>
      <Button
        size="small"
        startIcon={<OpenInNewIcon />}
        aria-label={t('details.openInSetupFor', { artifact: label })}
        onClick={() => void onOpen()}
        sx={{ ml: -0.5 }}
      >
        {t('details.openInSetup')}
      </Button>
      {open.error && <ErrorAlert error={open.error} />}
    </Box>
  );
}

function DetailsActions({ rotatedAt }: { rotatedAt: string | undefined }) {
  const { t } = useTranslation();
  const api = useApi();
  const saved = useSavedFile();
  const test = useOperation();
  const exporting = useOperation();
  const [report, setReport] = useState<{ health: HealthReport; seen: VisibilityReport | null } | null>(null);
  const [credentialsOpen, setCredentialsOpen] = useState(false);
  // The verdict includes what the agent sees: signing in and reading nothing is not "works".
  const runTest = async () => {
    const result = await test.run(async () => {
      const health = await api['connection.check']({});
      const passed = health.agentTokenOk && health.status === 'connected';
      return { health, seen: passed ? await api['connection.visibility']({}).catch(() => null) : null };
    });
    if (result) setReport(result);
  };
  const exportAs = async (format: ExportFormat) => {
    const file = await exporting.run(() => api['connection.export']({ format }));
    if (file) saved(file);
  };
  const formats: { id: ExportFormat; label: string }[] = [
    { id: 'json', label: t('export.json') },
    { id: 'csv', label: t('export.csv') },
    { id: 'md', label: t('export.markdown') },
  ];
  return (
    <>
      <Stack direction="row" spacing={1} sx={{ mt: 2, flexWrap: 'wrap', rowGap: 1 }}>
        <Button variant="outlined" disabled={test.busy} onClick={() => void runTest()}>
          {t('details.test')}
        </Button>
        <ExportMenu
          disabled={exporting.busy}
          formats={formats.map((f) => ({ ...f, onSelect: () => void exportAs(f.id) }))}
          extras={[{ id: 'credentials', label: t('credentials.menu'), onSelect: () => setCredentialsOpen(true) }]}
        />
        <RotateKeyButton rotatedAt={rotatedAt} />
      </Stack>
      {test.busy && (
        <Typography variant="body2" role="status" sx={{ mt: 1 }}>
          {t('details.testing')}
        </Typography>
      )}
      {report && <HealthResult report={report.health} seen={report.seen} />}
      {test.error && <ErrorAlert error={test.error} />}
      {exporting.error && <ErrorAlert error={exporting.error} />}
      {credentialsOpen && <CredentialsDialog onClose={() => setCredentialsOpen(false)} />}
    </>
  );
}

function HealthResult({ report, seen }: { report: HealthReport; seen: VisibilityReport | null }) {
  const { t, i18n } = useTranslation();
  // No verdict (Salesforce did not answer, or no agent key here): said as such, never as a broken connection.
  if (report.problem) return <ErrorAlert error={report.problem.error} severity="warning" />;
  const problems = [...report.drift.brokenArtifacts, ...report.drift.missingObjects, ...report.drift.missingFields];
  const ok = report.agentTokenOk && problems.length === 0;
  const counted = (seen?.objects ?? []).filter((o) => o.agentCanSee !== null && o.adminCanSee !== null);
  const seesNothing = counted.some((o) => o.agentCanSee === 0 && (o.adminCanSee ?? 0) > 0);
  const sees = counted.map((o) => t('details.seesOf', { object: o.object, seen: o.agentCanSee, total: o.adminCanSee })).join(', ');
  const verdict = !ok
    ? t('details.testFailed')
    : seesNothing
      ? t('details.testSeesNothing', { sees })
      : sees
        ? t('details.testPassedSees', { sees })
        : t('details.testPassed');
  return (
    <Alert severity={ok && !seesNothing ? 'success' : 'warning'} sx={{ mt: 1 }}>
      {verdict} {t('details.checkedAt', { date: formatDateTime(report.checkedAt, i18n.language) })}
      {!report.agentTokenOk && <Typography variant="body2">{t('details.agentTokenFailed')}</Typography>}
      {problems.length > 0 && (
        <Typography component="ul" variant="body2" sx={{ my: 0, pl: 3 }}>
          {problems.map((p) => (
            // Broken parts by name ("The integration user is inactive"), never the check's internal codes.
            <li key={p}>{t(`details.broken.${p.replaceAll(' ', '_')}`, { defaultValue: p })}</li>
          ))}
        </Typography>
      )}
    </Alert>
  );
}
