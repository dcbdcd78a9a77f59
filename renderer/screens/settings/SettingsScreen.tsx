import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
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
  themePreferences,
  type Settings,
  type SettingsUpdate,
} from '../../../common';
import { useApi } from '../../api/context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useLive } from '../../state/live';
import { useOperation } from '../../state/use-operation';
import { ProfilesCard } from './ProfilesCard';

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

/** How often the running app re-checks every connected org (main/connection/health/health-monitor.ts). */
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
