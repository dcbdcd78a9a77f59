import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Pending } from '../../components/Pending';
import { afterNextPaint } from '../../state/after-paint';
import { useLiveIfLoaded } from '../../state/live';

// The cards need the live state, which arrives after the first paint: their code loads meanwhile.
const loadLiveCards = () => import('./LiveCards');
const LiveCards = lazy(() => loadLiveCards().then((m) => ({ default: m.LiveCards })));

/** Everything about the Salesforce connection, driven only by the live auth and connection state. */
export function SalesforcePanel() {
  const { t } = useTranslation();
  const live = useLiveIfLoaded()?.live;
  useEffect(() => afterNextPaint(() => void loadLiveCards().catch(() => undefined)), []);
  const placeholders = (
    // Roughly the signed-out sign-in, access and agent access cards, until the live state and the cards' code arrive.
    <>
      <Pending height={170} />
      <Pending height={150} />
      <Pending height={130} />
    </>
  );
  return (
    <Stack component="section" aria-labelledby="salesforce-heading" spacing={2} sx={{ minWidth: 0 }}>
      <Typography id="salesforce-heading" variant="h5" component="h2">
        {t('connectors.name.salesforce')}
      </Typography>
      {live ? (
        <Suspense fallback={placeholders}>
          <LiveCards live={live} />
        </Suspense>
      ) : (
        placeholders
      )}
    </Stack>
  );
}
