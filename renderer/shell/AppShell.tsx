import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Container from '@mui/material/Container';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import CloudDoneIcon from '@mui/icons-material/CloudDone';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Pending } from '../components/Pending';
import { useLiveIfLoaded } from '../state/live';
import { NavigationContext, screens, type Navigation, type Screen } from '../state/navigation';
import { ConnectorsScreen, type ConnectorId } from '../screens/connectors/ConnectorsScreen';

// Only Connectors is on the first screen; the others load when first opened.
const ActivityScreen = lazy(() => import('../screens/activity/ActivityScreen'));
const SettingsScreen = lazy(() => import('../screens/settings/SettingsScreen'));

/** App bar (name, signed-in org), the three-way navigation, and the current screen. */
export function AppShell() {
  const { t } = useTranslation();
  const [screen, setScreen] = useState<Screen>('connectors');
  // Kept here so coming back to Connectors shows the connector the admin had open.
  const [connector, setConnector] = useState<ConnectorId>('salesforce');
  const navigation = useMemo<Navigation>(() => ({ screen, go: setScreen }), [screen]);
  // Connectors paints before the live state arrives; the other screens need it from the start.
  const loaded = useLiveIfLoaded() !== null;
  return (
    <NavigationContext.Provider value={navigation}>
      <AppBar position="sticky" elevation={0}>
        <Toolbar variant="dense" sx={{ gap: 2 }}>
          <Typography variant="h6" component="div" sx={{ flexGrow: 1 }}>
            {t('app.name')}
          </Typography>
          <SignedInOrg />
        </Toolbar>
        <Box component="nav" aria-label={t('nav.label')}>
          <Tabs value={screen} onChange={(_event, value: Screen) => setScreen(value)} textColor="inherit" sx={{ px: 1, '& .MuiTabs-indicator': { backgroundColor: 'currentColor' } }}>
            {screens.map((id) => (
              <Tab key={id} value={id} label={t(`nav.${id}`)} id={`tab-${id}`} aria-controls={`panel-${id}`} sx={{ '&:not(.Mui-selected)': { opacity: 0.9 } }} />
            ))}
          </Tabs>
        </Box>
      </AppBar>
      <Container component="main" maxWidth="lg" id={`panel-${screen}`} role="tabpanel" aria-labelledby={`tab-${screen}`} sx={{ py: 3 }}>
        <Suspense fallback={<Pending height={240} />}>
          {screen === 'connectors' && <ConnectorsScreen selected={connector} onSelect={setConnector} />}
          {screen === 'activity' && (loaded ? <ActivityScreen /> : <Pending height={240} />)}
          {screen === 'settings' && (loaded ? <SettingsScreen /> : <Pending height={240} />)}
        </Suspense>
      </Container>
    </NavigationContext.Provider>
  );
}

function SignedInOrg() {
  const { t } = useTranslation();
  const auth = useLiveIfLoaded()?.live.auth;
  if (auth?.state !== 'signedIn') return null;
  const { orgName } = auth.identity;
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, minWidth: 0 }}>
      <CloudDoneIcon fontSize="small" aria-hidden />
      <Typography variant="body2" noWrap title={orgName}>
        {t('shell.signedInOrg', { org: orgName })}
      </Typography>
    </Box>
  );
}
