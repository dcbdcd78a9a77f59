import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Connector } from '../../../common';
import { useApi } from '../../api/context';
import { StatusChip } from '../../components/StatusChip';
import { Pending } from '../../components/Pending';
import { useFreshStatus } from '../../state/fresh-status';
import { useLiveIfLoaded } from '../../state/live';
import { chipStatusOf } from './connection-status';
import { SalesforcePanel } from './SalesforcePanel';

export type ConnectorId = Connector['id'];

/** Connectors -> Agent connections: the list on the left, the chosen connector's panel beside it. */
export function ConnectorsScreen({ selected, onSelect }: { selected: ConnectorId; onSelect: (id: ConnectorId) => void }) {
  const { t } = useTranslation();
  const connectors = useConnectors();
  useFreshStatus();
  return (
    <Stack spacing={2}>
      <Typography variant="h4" component="h1">
        {t('nav.connectors')}
      </Typography>
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '17rem minmax(0, 1fr)' }, gap: 3, alignItems: 'start' }}>
        <Card component="section" aria-labelledby="agent-connections-heading">
          <CardContent sx={{ pb: 1 }}>
            <Typography id="agent-connections-heading" variant="h6" component="h2">
              {t('connectors.agentConnections')}
            </Typography>
            <Typography variant="body2" color="text.secondary">
              {t('connectors.intro')}
            </Typography>
          </CardContent>
          <List aria-labelledby="agent-connections-heading">
            {connectors.map((connector) => (
              <ConnectorRow
                key={connector.id}
                connector={connector}
                selected={connector.id === selected}
                onSelect={() => onSelect(connector.id)}
              />
            ))}
          </List>
        </Card>
        {selected === 'salesforce' ? <SalesforcePanel /> : <DynamicsPanel />}
      </Box>
    </Stack>
  );
}

const productConnectors: Connector[] = [
  { id: 'dynamics365', name: 'Dynamics 365 Sales', status: 'connected', setupNeeded: false },
  { id: 'salesforce', name: 'Salesforce', status: 'notSetUp', setupNeeded: true },
];

/** A connector as listed; `status` is null while neither the list nor the live state has arrived. */
type ListedConnector = Omit<Connector, 'status'> & { status: Connector['status'] | null };

/** The connector list from main; Salesforce's status follows the live connection state between refreshes. */
function useConnectors(): ListedConnector[] {
  const api = useApi();
  const live = useLiveIfLoaded()?.live;
  const [listed, setListed] = useState<Connector[] | null>(null);
  useEffect(() => {
    let active = true;
    // A failed list is not fatal: the product's two connectors are shown until it loads.
    api['connectors.list']({}).then(
      (list) => active && setListed(list),
      () => undefined,
    );
    return () => {
      active = false;
    };
  }, [api]);
  return (listed ?? productConnectors).map((c) => {
    if (c.id !== 'salesforce') return c;
    if (live) return { ...c, status: chipStatusOf(live.connection) };
    return { ...c, status: listed ? c.status : null };
  });
}

/** Keyboard focus must be plain to see on the list (the selected row's tint alone is too faint). */
const connectorButtonSx = {
  '&.Mui-focusVisible': { outline: '3px solid', outlineColor: 'primary.main', outlineOffset: '-3px' },
} as const;

function ConnectorRow({ connector, selected, onSelect }: { connector: ListedConnector; selected: boolean; onSelect: () => void }) {
  const { t } = useTranslation();
  const chip = connector.status ? <StatusChip status={connector.status} /> : <Pending height={24} width={80} />;
  const secondary = connector.setupNeeded ? chip : t('connectors.noSetupNeeded');
  return (
    <ListItem disablePadding>
      <ListItemButton selected={selected} aria-current={selected ? 'true' : undefined} onClick={onSelect} sx={connectorButtonSx}>
        <ListItemText
          primary={t(`connectors.name.${connector.id}`)}
          secondary={secondary}
          slotProps={{ secondary: { component: 'div' } }}
        />
      </ListItemButton>
    </ListItem>
  );
}

function DynamicsPanel() {
  const { t } = useTranslation();
  return (
    <Card component="section" aria-labelledby="dynamics-heading">
      <CardContent>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1 }}>
          <Typography id="dynamics-heading" variant="h5" component="h2">
            {t('connectors.name.dynamics365')}
          </Typography>
          <StatusChip status="connected" />
        </Stack>
        <Typography variant="body1">{t('connectors.dynamicsExplained')}</Typography>
      </CardContent>
    </Card>
  );
}
