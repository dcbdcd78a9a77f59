import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { loginUrlOf, type OrgProfile, type Settings } from '../../../common';
import { useApi } from '../../api/context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useLive } from '../../state/live';
import { useNavigation } from '../../state/navigation';
import { useOperation } from '../../state/use-operation';
import { ProfileDialog } from './ProfileDialog';
import { SignInAppDialog } from './SignInAppDialog';

type ProfileChange = (call: () => Promise<Settings>) => void;

export function ProfilesCard() {
  const { t } = useTranslation();
  const { live, update } = useLive();
  const change = useOperation();
  const { orgProfiles, activeProfileId } = live.settings;
  const { target } = useNavigation();
  // Arriving from an error about a profile (a taken callback port) opens that profile at once.
  const [signInApp, setSignInApp] = useState<{ profile: OrgProfile; kind: 'create' | 'remove' } | null>(null);
  const [editing, setEditing] = useState<OrgProfile | 'new' | null>(
    () => orgProfiles.find((profile) => profile.id === target?.profileId) ?? null,
  );
  const act: ProfileChange = (call) => {
    void change.run(call).then((settings) => settings && update({ settings }));
  };
  return (
    <Card component="section" aria-labelledby="profiles-heading">
      <CardContent>
        <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'center' }}>
          <Typography id="profiles-heading" variant="h6" component="h2">
            {t('settings.profiles.heading')}
          </Typography>
          <Button variant="outlined" onClick={() => setEditing('new')}>
            {t('settings.profiles.add')}
          </Button>
        </Stack>
        <Typography variant="body2" color="text.secondary">
          {t('settings.profiles.intro')}
        </Typography>
        {orgProfiles.length === 0 && (
          <Typography variant="body2" sx={{ mt: 2 }}>
            {t('settings.profiles.none')}
          </Typography>
        )}
        <List aria-labelledby="profiles-heading">
          {orgProfiles.map((profile) => (
            <ProfileRow
              key={profile.id}
              profile={profile}
              active={profile.id === activeProfileId}
              act={act}
              onEdit={setEditing}
              onSignInApp={(kind) => setSignInApp({ profile, kind })}
            />
          ))}
        </List>
        {change.error && <ErrorAlert error={change.error} />}
      </CardContent>
      {signInApp && <SignInAppDialog profile={signInApp.profile} kind={signInApp.kind} onClose={() => setSignInApp(null)} />}
      {editing && <ProfileDialog profile={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Card>
  );
}

interface ProfileRowProps {
  profile: OrgProfile;
  active: boolean;
  act: ProfileChange;
  onEdit: (profile: OrgProfile) => void;
  onSignInApp: (kind: 'create' | 'remove') => void;
}

function ProfileRow({ profile, active, act, onEdit, onSignInApp }: ProfileRowProps) {
  const { t } = useTranslation();
  const api = useApi();
  return (
    <ListItem divider sx={{ flexWrap: 'wrap', gap: 1 }}>
      <ListItemText
        primary={
          <>
            {profile.name} {active && <Chip size="small" color="primary" label={t('settings.profiles.active')} sx={{ ml: 1 }} />}
            {profile.allowAnyHost === true && <Chip size="small" color="warning" label={t('settings.profiles.anyHost')} sx={{ ml: 1 }} />}
            {profile.signInApp && <Chip size="small" color="info" label={t('signInApp.chip')} sx={{ ml: 1 }} />}
          </>
        }
        secondary={`${t(`environments.${profile.environment}`)} · ${loginUrlOf(profile)} · ${t('settings.profiles.client', { clientId: profile.clientId, port: profile.callbackPort })}`}
        sx={{ minWidth: 0, overflowWrap: 'anywhere' }}
      />
      <Stack direction="row" spacing={1}>
        {!active && (
          <Button
            size="small"
            aria-label={t('settings.profiles.activateNamed', { name: profile.name })}
            onClick={() => act(() => api['profiles.activate']({ id: profile.id }))}
          >
            {t('settings.profiles.activate')}
          </Button>
        )}
        {active && (
          <Button
            size="small"
            aria-label={t(profile.signInApp ? 'signInApp.removeNamed' : 'signInApp.setUpNamed', { name: profile.name })}
            onClick={() => onSignInApp(profile.signInApp ? 'remove' : 'create')}
          >
            {t(profile.signInApp ? 'signInApp.remove' : 'signInApp.setUp')}
          </Button>
        )}
        <Button size="small" aria-label={t('settings.profiles.editNamed', { name: profile.name })} onClick={() => onEdit(profile)}>
          {t('settings.profiles.edit')}
        </Button>
        <Button
          size="small"
          color="error"
          aria-label={t('settings.profiles.removeNamed', { name: profile.name })}
          onClick={() => act(() => api['profiles.remove']({ id: profile.id }))}
        >
          {t('settings.profiles.remove')}
        </Button>
      </Stack>
    </ListItem>
  );
}
