import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { useLive } from '../../state/live';
import { AgentAccessCard } from '../access/AgentAccessCard';
import { AccessCard } from './AccessCard';
import { ConnectionAlerts } from './ConnectionAlerts';
import { DetailsCard } from './DetailsCard';
import { PreflightCard } from './PreflightCard';
import { RunProgressCard } from './RunProgressCard';
import { SignInCard } from './SignInCard';

/** Everything about the Salesforce connection, driven only by the live auth and connection state. */
export function SalesforcePanel() {
  const { t } = useTranslation();
  const { live } = useLive();
  const { connection, auth } = live;
  const running = connection.status === 'running';
  const showRun = connection.run !== undefined && (running || connection.status === 'interrupted');
  const showPreflight = auth.state === 'signedIn' && (connection.status === 'off' || connection.preflight !== undefined);
  return (
    <Stack component="section" aria-labelledby="salesforce-heading" spacing={2} sx={{ minWidth: 0 }}>
      <Typography id="salesforce-heading" variant="h5" component="h2">
        {t('connectors.name.salesforce')}
      </Typography>
      <SignInCard />
      <ConnectionAlerts connection={connection} />
      <AccessCard />
      {showPreflight && !running && <PreflightCard />}
      {showRun && connection.run && <RunProgressCard run={connection.run} active={running} />}
      {connection.details && <DetailsCard connection={connection} details={connection.details} />}
      <AgentAccessCard />
    </Stack>
  );
}
