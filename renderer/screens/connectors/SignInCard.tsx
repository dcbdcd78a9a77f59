import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import LinearProgress from '@mui/material/LinearProgress';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuthStatus, Identity } from '../../../common';
import { useApi } from '../../api/context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Pending } from '../../components/Pending';
import { useLive } from '../../state/live';
import { useNavigation } from '../../state/navigation';
import { useOperation } from '../../state/use-operation';
import { SignInRefusalHelp } from './SignInRefusalHelp';
import { useSignIn } from '../../state/use-sign-in';

const ProfileSelect = lazy(() => import('./ProfileSelect'));

/** The admin's Salesforce session: pick an org profile, sign in through the browser, see who is signed in. */
export function SignInCard() {
  const { t } = useTranslation();
  const { live } = useLive();
  return (
    <Card component="section" aria-labelledby="sign-in-heading">
      <CardContent>
        <Typography id="sign-in-heading" variant="h6" component="h3" gutterBottom>
          {t('signIn.heading')}
        </Typography>
        <AuthBody auth={live.auth} />
      </CardContent>
    </Card>
  );
}

function AuthBody({ auth }: { auth: AuthStatus }) {
  switch (auth.state) {
    case 'signedOut':
      return <SignedOut />;
    case 'signingIn':
      return <SigningIn authorizeUrl={auth.authorizeUrl} expiresAt={auth.expiresAt} />;
    case 'signedIn':
      return <SignedIn identity={auth.identity} missing={auth.permissions.missing} memoryOnly={auth.sessionStorage === 'memory'} />;
    case 'expired':
      return <Expired />;
  }
}

function SignedOut() {
  const { t } = useTranslation();
  const api = useApi();
  const { live, update } = useLive();
  const { go } = useNavigation();
  const signIn = useSignIn();
  const activate = useOperation();
  const { orgProfiles, activeProfileId } = live.settings;
  const chooseProfile = async (id: string) => {
    const settings = await activate.run(() => api['profiles.activate']({ id }));
    if (settings) update({ settings });
  };
  return (
    <Stack spacing={2}>
      <Typography variant="body2">{t('signIn.intro')}</Typography>
      {orgProfiles.length > 0 ? (
        <Suspense fallback={<Pending height={40} width={360} />}>
          <ProfileSelect profiles={orgProfiles} value={activeProfileId ?? ''} onChange={(id) => void chooseProfile(id)} />
        </Suspense>
      ) : (
        <Typography variant="body2" color="text.secondary">
          {t('signIn.noProfiles')}{' '}
          <Link component="button" type="button" onClick={() => go('settings')}>
            {t('signIn.addProfile')}
          </Link>
        </Typography>
      )}
      <Box>
        <Button variant="contained" disabled={signIn.busy} onClick={() => void signIn.signIn(activeProfileId ?? undefined)}>
          {t('signIn.signIn')}
        </Button>
      </Box>
      {signIn.error && <ErrorAlert error={signIn.error} onRetry={() => void signIn.signIn(activeProfileId ?? undefined)} />}
      {!signIn.error && live.auth.state === 'signedOut' && live.auth.lastError && <ErrorAlert error={live.auth.lastError} />}
      {activate.error && <ErrorAlert error={activate.error} />}
    </Stack>
  );
}

function SigningIn({ authorizeUrl, expiresAt }: { authorizeUrl: string; expiresAt: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const { live, update } = useLive();
  const profile = live.settings.orgProfiles.find((p) => p.id === live.settings.activeProfileId);
  const cancel = useOperation();
  const onCancel = async () => {
    const auth = await cancel.run(() => api['auth.cancel']({}));
    if (auth) update({ auth });
  };
  return (
    <Stack spacing={2}>
      <Typography variant="body2" role="status">
        {t('signIn.waiting')}
      </Typography>
      <LinearProgress aria-label={t('signIn.waitingProgress')} />
      <Typography variant="body2" color="text.secondary">
        {t('signInApp.waitingHint')}
      </Typography>
      <SignInRefusalHelp expiresAt={expiresAt} callbackPort={profile?.callbackPort ?? 1717} />
      {live.info.host === 'browser' && (
        <Typography variant="body2">
          <Link href={authorizeUrl} target="_blank" rel="noopener">
            {t('signIn.openAgain')}
          </Link>
        </Typography>
      )}
      <Box>
        <Button variant="outlined" disabled={cancel.busy} onClick={() => void onCancel()}>
          {t('actions.cancel')}
        </Button>
      </Box>
      {cancel.error && <ErrorAlert error={cancel.error} />}
    </Stack>
  );
}

function SignedIn({ identity, missing, memoryOnly }: { identity: Identity; missing: string[]; memoryOnly: boolean }) {
  const { t } = useTranslation();
  const api = useApi();
  const { update } = useLive();
  const signOut = useOperation();
  const onSignOut = async () => {
    const auth = await signOut.run(() => api['auth.signOut']({}));
    if (auth) update({ auth });
  };
  return (
    <Stack spacing={2}>
      <Box>
        <Typography variant="body1">{t('signIn.signedInAs', { name: identity.userName, username: identity.username })}</Typography>
        <Typography variant="body2" color="text.secondary">
          {t('signIn.org', { org: identity.orgName, orgId: identity.orgId, environment: t(`environments.${identity.environment}`) })}
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ overflowWrap: 'anywhere' }}>
          {identity.instanceUrl}
        </Typography>
      </Box>
      {missing.length > 0 && (
        <Alert severity="warning">
          {t('signIn.missingRights')}
          <Typography component="ul" variant="body2" sx={{ my: 0.5, pl: 3 }}>
            {missing.map((right) => (
              <li key={right}>{right}</li>
            ))}
          </Typography>
        </Alert>
      )}
      {memoryOnly && <Alert severity="info">{t('signIn.memoryOnly')}</Alert>}
      <Box>
        <Button variant="outlined" disabled={signOut.busy} onClick={() => void onSignOut()}>
          {t('signIn.signOut')}
        </Button>
      </Box>
      {signOut.error && <ErrorAlert error={signOut.error} />}
    </Stack>
  );
}

function Expired() {
  const { t } = useTranslation();
  const { live } = useLive();
  const signIn = useSignIn();
  return (
    <Stack spacing={2}>
      <Alert severity="warning">{t('signIn.expired')}</Alert>
      <Box>
        <Button variant="contained" disabled={signIn.busy} onClick={() => void signIn.signIn(live.auth.profileId ?? undefined)}>
          {t('actions.signInAgain')}
        </Button>
      </Box>
      {signIn.error && <ErrorAlert error={signIn.error} onRetry={() => void signIn.signIn(live.auth.profileId ?? undefined)} />}
    </Stack>
  );
}
