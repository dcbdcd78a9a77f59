import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  activationTimeoutMinutesSchema,
  certificateLifetimeDaysSchema,
  healthCheckHoursSchema,
  languagePreferences,
  loginUrlOf,
  themePreferences,
  type OrgProfile,
  type Settings,
  type SettingsUpdate,
} from '../../../common';
import { useApi } from '../../api/context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useLive } from '../../state/live';
import { useNavigation } from '../../state/navigation';
import { useOperation } from '../../state/use-operation';
import { ProfileDialog } from './ProfileDialog';

/** Agent name, org profiles with their sign-in client, theme and language. */
export default function SettingsScreen() {
  const { t } = useTranslation();
  return (
    <Stack spacing={2}>
      <Typography variant="h4" component="h1">
        {t('nav.settings')}
      </Typography>
      <AgentNameCard />
      <ActivationWaitCard />
      <CertificateLifetimeCard />
      <HealthCheckCard />
      <ProfilesCard />
      <AppearanceCard />
    </Stack>
  );
}

function useSettingsUpdate() {
  const api = useApi();
  const { update } = useLive();
  const operation = useOperation();
  const apply = async (change: SettingsUpdate) => {
    const settings = await operation.run(() => api['settings.update'](change));
    if (settings) update({ settings });
    return settings !== undefined;
  };
  return { ...operation, apply };
}

const AGENT_NAME = /^[A-Za-z][A-Za-z0-9 ]{0,39}$/;

/** One setting edited in a small form: a text field, its validation, and Save when it changed. */
function SettingFieldCard<T>(props: {
  id: string;
  /** i18n prefix: `.heading`, `.label`, `.help`, `.invalid`, `.save`. */
  keys: 'settings.agentName' | 'settings.activationWait' | 'settings.certificateLifetime' | 'settings.healthCheck';
  initial: string;
  saved: T;
  parse(text: string): { ok: true; value: T } | { ok: false };
  toUpdate(value: T): SettingsUpdate;
  numeric?: boolean;
}) {
  const { t } = useTranslation();
  const saving = useSettingsUpdate();
  const [text, setText] = useState(props.initial);
  const parsed = props.parse(text);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (parsed.ok) void saving.apply(props.toUpdate(parsed.value));
  };
  const heading = `${props.id}-heading`;
  return (
    <Card component="section" aria-labelledby={heading}>
      <CardContent>
        <Typography id={heading} variant="h6" component="h2" gutterBottom>
          {t(`${props.keys}.heading`)}
        </Typography>
        <Stack component="form" direction="row" spacing={2} sx={{ alignItems: 'flex-start' }} onSubmit={submit} noValidate>
          <TextField
            label={t(`${props.keys}.label`)}
            value={text}
            onChange={(event) => setText(event.target.value)}
            error={!parsed.ok}
            helperText={parsed.ok ? t(`${props.keys}.help`, { name: text.trim() }) : t(`${props.keys}.invalid`)}
            {...(props.numeric && { slotProps: { htmlInput: { inputMode: 'numeric' } } })}
            size="small"
            sx={{ flexGrow: 1, maxWidth: 480 }}
          />
          <Button type="submit" variant="contained" disabled={!parsed.ok || saving.busy || parsed.value === props.saved}>
            {t(`${props.keys}.save`)}
          </Button>
        </Stack>
        {saving.error && <ErrorAlert error={saving.error} />}
      </CardContent>
    </Card>
  );
}

function AgentNameCard() {
  const { live } = useLive();
  return (
    <SettingFieldCard
      id="agent-name"
      keys="settings.agentName"
      initial={live.settings.agentName}
      saved={live.settings.agentName}
      parse={(text) => (AGENT_NAME.test(text.trim()) ? { ok: true, value: text.trim() } : { ok: false })}
      toUpdate={(agentName) => ({ agentName })}
    />
  );
}

/** How long Turn on access waits for Salesforce to activate the new app (fact ACTIVATION-PROPAGATION). */
function ActivationWaitCard() {
  const { live } = useLive();
  return (
    <SettingFieldCard
      id="activation-wait"
      keys="settings.activationWait"
      initial={String(live.settings.activationTimeoutMinutes)}
      saved={live.settings.activationTimeoutMinutes}
      parse={(text) => {
        const parsed = activationTimeoutMinutesSchema.safeParse(text.trim() === '' ? Number.NaN : Number(text));
        return parsed.success ? { ok: true, value: parsed.data } : { ok: false };
      }}
      toUpdate={(activationTimeoutMinutes) => ({ activationTimeoutMinutes })}
      numeric
    />
  );
}

/** How long the agent's certificate is valid: the key pair step and Rotate key use it (fact CERTIFICATE-ROTATION). */
function CertificateLifetimeCard() {
  const { live } = useLive();
  return (
    <SettingFieldCard
      id="certificate-lifetime"
      keys="settings.certificateLifetime"
      initial={String(live.settings.certificateLifetimeDays)}
      saved={live.settings.certificateLifetimeDays}
      parse={(text) => {
        const parsed = certificateLifetimeDaysSchema.safeParse(text.trim() === '' ? Number.NaN : Number(text));
        return parsed.success ? { ok: true, value: parsed.data } : { ok: false };
      }}
      toUpdate={(certificateLifetimeDays) => ({ certificateLifetimeDays })}
      numeric
    />
  );
}

/** How often the running app re-checks every connected org (main/connection/health-monitor.ts). */
function HealthCheckCard() {
  const { live } = useLive();
  return (
    <SettingFieldCard
      id="health-check"
      keys="settings.healthCheck"
      initial={String(live.settings.healthCheckHours)}
      saved={live.settings.healthCheckHours}
      parse={(text) => {
        const parsed = healthCheckHoursSchema.safeParse(text.trim() === '' ? Number.NaN : Number(text));
        return parsed.success ? { ok: true, value: parsed.data } : { ok: false };
      }}
      toUpdate={(healthCheckHours) => ({ healthCheckHours })}
      numeric
    />
  );
}

function ProfilesCard() {
  const { t } = useTranslation();
  const api = useApi();
  const { live, update } = useLive();
  const change = useOperation();
  const { orgProfiles, activeProfileId } = live.settings;
  const { target } = useNavigation();
  // Arriving from an error about a profile (a taken callback port) opens that profile at once.
  const [editing, setEditing] = useState<OrgProfile | 'new' | null>(
    () => orgProfiles.find((profile) => profile.id === target?.profileId) ?? null,
  );
  const act = async (call: () => ReturnType<(typeof api)['profiles.activate']>) => {
    const settings = await change.run(call);
    if (settings) update({ settings });
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
            <ListItem key={profile.id} divider sx={{ flexWrap: 'wrap', gap: 1 }}>
              <ListItemText
                primary={
                  <>
                    {profile.name}{' '}
                    {profile.id === activeProfileId && (
                      <Chip size="small" color="primary" label={t('settings.profiles.active')} sx={{ ml: 1 }} />
                    )}
                    {profile.allowAnyHost === true && (
                      <Chip size="small" color="warning" label={t('settings.profiles.anyHost')} sx={{ ml: 1 }} />
                    )}
                  </>
                }
                secondary={`${t(`environments.${profile.environment}`)} · ${loginUrlOf(profile)} · ${t('settings.profiles.client', { clientId: profile.clientId, port: profile.callbackPort })}`}
                sx={{ minWidth: 0, overflowWrap: 'anywhere' }}
              />
              <Stack direction="row" spacing={1}>
                {profile.id !== activeProfileId && (
                  <Button
                    size="small"
                    aria-label={t('settings.profiles.activateNamed', { name: profile.name })}
                    onClick={() => void act(() => api['profiles.activate']({ id: profile.id }))}
                  >
                    {t('settings.profiles.activate')}
                  </Button>
                )}
                <Button
                  size="small"
                  aria-label={t('settings.profiles.editNamed', { name: profile.name })}
                  onClick={() => setEditing(profile)}
                >
                  {t('settings.profiles.edit')}
                </Button>
                <Button
                  size="small"
                  color="error"
                  aria-label={t('settings.profiles.removeNamed', { name: profile.name })}
                  onClick={() => void act(() => api['profiles.remove']({ id: profile.id }))}
                >
                  {t('settings.profiles.remove')}
                </Button>
              </Stack>
            </ListItem>
          ))}
        </List>
        {change.error && <ErrorAlert error={change.error} />}
      </CardContent>
      {editing && <ProfileDialog profile={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Card>
  );
}

function AppearanceCard() {
  const { t } = useTranslation();
  const { live } = useLive();
  const saving = useSettingsUpdate();
  return (
    <Card component="section" aria-labelledby="appearance-heading">
      <CardContent>
        <Typography id="appearance-heading" variant="h6" component="h2" gutterBottom>
          {t('settings.appearance.heading')}
        </Typography>
        <Stack direction="row" spacing={2} sx={{ flexWrap: 'wrap', rowGap: 2 }}>
          <TextField
            select
            size="small"
            label={t('settings.appearance.theme')}
            value={live.settings.theme}
            onChange={(event) => void saving.apply({ theme: event.target.value as Settings['theme'] })}
            sx={{ minWidth: 240 }}
          >
            {themePreferences.map((theme) => (
              <MenuItem key={theme} value={theme}>
                {t(`settings.appearance.themes.${theme}`)}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            select
            size="small"
            label={t('settings.appearance.language')}
            value={live.settings.language}
            onChange={(event) => void saving.apply({ language: event.target.value as Settings['language'] })}
            sx={{ minWidth: 240 }}
          >
            {languagePreferences.map((language) => (
              <MenuItem key={language} value={language} lang={language === 'system' ? undefined : language}>
                {t(`settings.appearance.languages.${language}`)}
              </MenuItem>
            ))}
          </TextField>
        </Stack>
        {saving.error && <ErrorAlert error={saving.error} />}
      </CardContent>
    </Card>
  );
}
