import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Divider from '@mui/material/Divider';
import ListItemText from '@mui/material/ListItemText';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import Typography from '@mui/material/Typography';
import CheckIcon from '@mui/icons-material/Check';
import CloudDoneIcon from '@mui/icons-material/CloudDone';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError, OrgProfile } from '../../common';
import { useApi } from '../api/context';
import { useErrorText } from '../components/error-text';
import { useLive, useLiveIfLoaded } from '../state/live';
import { useNavigation } from '../state/navigation';
import { useOperation } from '../state/use-operation';

const productionChipSx = { fontWeight: 600, bgcolor: '#fff3e0', color: '#7a3300' } as const;

function ProductionChip() {
  const { t } = useTranslation();
  return <Chip size="small" label={t('environments.production')} sx={productionChipSx} />;
}

/** One profile in the menu: its name and environment, the active one ticked. */
function ProfileItem({ profile, active, onChoose }: { profile: OrgProfile; active: boolean; onChoose: () => void }) {
  const { t } = useTranslation();
  return (
    <MenuItem selected={active} aria-current={active ? 'true' : undefined} onClick={onChoose} sx={{ gap: 1 }}>
      <Box sx={{ width: 20, display: 'flex' }}>{active && <CheckIcon fontSize="small" aria-hidden />}</Box>
      <ListItemText primary={profile.name} secondary={t(`environments.${profile.environment}`)} />
      {profile.environment === 'production' && <ProductionChip />}
    </MenuItem>
  );
}

/**
 * Which org every screen acts on, and the switch to another: the active org profile (production
 * marked) and, signed in, its org. Choosing a profile makes it active in main, whose session and
 * connection the screens then show; a refusal (a change still running) shows under the app bar.
 */
export function ProfileSwitcher() {
  const loaded = useLiveIfLoaded();
  if (!loaded) return null;
  return <LoadedSwitcher />;
}

function LoadedSwitcher() {
  const { t } = useTranslation();
  const api = useApi();
  const { live, update } = useLive();
  const { go } = useNavigation();
  const activate = useOperation();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const { auth, settings } = live;
  const active = settings.orgProfiles.find((p) => p.id === settings.activeProfileId);
  const signedIn = auth.state === 'signedIn';
  // A session of another profile (signed in from elsewhere) is named as what the screens act on.
  const sessionProfile = signedIn ? settings.orgProfiles.find((p) => p.id === auth.profileId) : active;
  const shown = sessionProfile ?? active;
  const choose = async (id: string) => {
    setAnchor(null);
    if (id === settings.activeProfileId && (!signedIn || auth.profileId === id)) return;
    const next = await activate.run(() => api['profiles.activate']({ id }));
    if (next) update({ settings: next });
  };
  const label = shown ? t('shell.activeProfile', { profile: shown.name }) : t('shell.noProfile');
  return (
    <>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, minWidth: 0 }}>
        {signedIn && <CloudDoneIcon fontSize="small" aria-hidden />}
        {signedIn && (
          <Typography variant="body2" noWrap title={auth.identity.orgName}>
            {t('shell.signedInOrg', { org: auth.identity.orgName })}
          </Typography>
        )}
        <Button
          color="inherit"
          size="small"
          endIcon={<ExpandMoreIcon />}
          aria-haspopup="menu"
          aria-expanded={anchor ? 'true' : undefined}
          aria-controls={anchor ? 'profile-menu' : undefined}
          disabled={activate.busy}
          onClick={(event) => setAnchor(event.currentTarget)}
          sx={{ textTransform: 'none', minWidth: 0 }}
        >
          <Typography variant="body2" component="span" noWrap>
            {label}
          </Typography>
        </Button>
        {shown?.environment === 'production' && <ProductionChip />}
        {signedIn && active && active.id !== auth.profileId && (
          <Typography variant="body2" role="status" noWrap title={t('shell.switched', { profile: active.name })}>
            {t('shell.switched', { profile: active.name })}
          </Typography>
        )}
      </Box>
      <Menu id="profile-menu" anchorEl={anchor} open={anchor !== null} onClose={() => setAnchor(null)}>
        {settings.orgProfiles.map((profile) => (
          <ProfileItem key={profile.id} profile={profile} active={profile.id === shown?.id} onChoose={() => void choose(profile.id)} />
        ))}
        {settings.orgProfiles.length > 0 && <Divider />}
        <MenuItem
          onClick={() => {
            setAnchor(null);
            go('settings');
          }}
        >
          {t('shell.manageProfiles')}
        </MenuItem>
      </Menu>
      {activate.error && <Refusal error={activate.error} onClose={activate.clearError} />}
    </>
  );
}

/** Why the switch was refused, under the switcher where the admin pressed it, until they close it. */
function Refusal({ error, onClose }: { error: AppError; onClose: () => void }) {
  const { headline, detail } = useErrorText()(error);
  return (
    <Alert severity="error" onClose={onClose} sx={{ position: 'absolute', top: '100%', right: 8, maxWidth: 520, zIndex: 1, boxShadow: 3 }}>
      {headline}
      {detail && <Typography variant="body2">{detail}</Typography>}
    </Alert>
  );
}
