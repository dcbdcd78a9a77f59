import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Container from '@mui/material/Container';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import { lazy, Suspense, useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Pending } from '../components/Pending';
import { useRunFinishedNotice } from '../state/fresh-status';
import { useLiveIfLoaded } from '../state/live';
import { NavigationContext, screens, type Navigation, type NavigationTarget, type Screen } from '../state/navigation';
import { ConnectorsScreen, type ConnectorId } from '../screens/connectors/ConnectorsScreen';
import { HealthNoticeBanner } from './HealthNoticeBanner';
import { ProfileSwitcher } from './ProfileSwitcher';

// Only Connectors is on the first screen; the others load when first opened.
const ActivityScreen = lazy(() => import('../screens/activity/ActivityScreen'));
const OverviewScreen = lazy(() => import('../screens/overview/OverviewScreen'));
const SettingsScreen = lazy(() => import('../screens/settings/SettingsScreen'));

const navButtonSx = {
  minHeight: 48,
  px: 2,
  borderRadius: 0,
  borderBottom: '2px solid transparent',
  '&:not([aria-current])': { opacity: 0.9 },
  '&[aria-current="page"]': { borderBottomColor: 'currentColor' },
} as const;

/** App bar (name, signed-in org), the three-way navigation, and the current screen. */
export function AppShell() {
  const { t } = useTranslation();
  // `visit` counts arrivals: a target remounts its screen, so it opens even when that screen is showing.
  const [{ screen, target, visit }, setPlace] = useState<{ screen: Screen; target?: NavigationTarget; visit: number }>({
    screen: 'connectors',
    visit: 0,
  });
  const go = useCallback(
    (next: Screen, nextTarget?: NavigationTarget) =>
      setPlace((place) => ({ screen: next, target: nextTarget, visit: nextTarget ? place.visit + 1 : place.visit })),
    [],
  );
  // Kept here so coming back to Connectors shows the connector the admin had open.
  const [connector, setConnector] = useState<ConnectorId>('salesforce');
  const navigation = useMemo<Navigation>(() => ({ screen, target, go }), [screen, target, go]);
  // Connectors paints before the live state arrives; the other screens need it from the start.
  const loaded = useLiveIfLoaded() !== null;
  return (
    <NavigationContext.Provider value={navigation}>
      <AppBar position="sticky" elevation={0}>
        <Toolbar variant="dense" sx={{ gap: 2 }}>
          <Typography variant="h6" component="div" sx={{ flexGrow: 1 }}>
            {t('app.name')}
          </Typography>
          <ProfileSwitcher />
        </Toolbar>
        {/* Screens are navigation, not in-page tabs: buttons with aria-current, which also spares the
            first paint the layout measuring an indicator-drawing tab strip does. */}
        <Box component="nav" aria-label={t('nav.label')} sx={{ display: 'flex', px: 1 }}>
          {screens.map((id) => (
            <Button key={id} color="inherit" aria-current={id === screen ? 'page' : undefined} onClick={() => go(id)} sx={navButtonSx}>
              {t(`nav.${id}`)}
            </Button>
          ))}
        </Box>
      </AppBar>
      <RunFinishedNotice />
      <HealthNoticeBanner />
      <Container component="main" maxWidth="lg" sx={{ py: 3 }}>
        <Suspense fallback={<Pending height={240} />}>
          {screen === 'connectors' && <ConnectorsScreen selected={connector} onSelect={setConnector} />}
          {screen === 'overview' && <OverviewScreen />}
          {screen === 'activity' && (loaded ? <ActivityScreen /> : <Pending height={240} />)}
          {screen === 'settings' && (loaded ? <SettingsScreen key={visit} /> : <Pending height={240} />)}
        </Suspense>
      </Container>
    </NavigationContext.Provider>
  );
}

/** Confirms each finished run wherever the admin is in the app. */
function RunFinishedNotice() {
  useRunFinishedNotice();
  return null;
}
