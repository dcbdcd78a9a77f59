import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import MenuItem from '@mui/material/MenuItem';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DEFAULT_CALLBACK_PORT,
  DEFAULT_CLIENT_ID,
  SIGN_IN_CALLBACK_PATH,
  environments,
  orgProfileInputSchema,
  type Environment,
  type OrgProfile,
} from '../../../common';
import { useApi } from '../../api/context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useLive } from '../../state/live';
import { useOperation } from '../../state/use-operation';

type Client = 'cli' | 'own';

interface FormValues {
  name: string;
  environment: Environment;
  myDomainUrl: string;
  jwtAudience: string;
  allowAnyHost: boolean;
  client: Client;
  clientId: string;
  port: string;
}

interface FieldsProps {
  values: FormValues;
  set: <K extends keyof FormValues>(key: K, value: FormValues[K]) => void;
  showError: (field: string) => boolean;
}

function initialValues(profile: OrgProfile | null): FormValues {
  const own = profile !== null && profile.clientId !== DEFAULT_CLIENT_ID;
  return {
    name: profile?.name ?? '',
    environment: profile?.environment ?? 'production',
    myDomainUrl: profile?.myDomainUrl ?? '',
    jwtAudience: profile?.jwtAudience ?? '',
    allowAnyHost: profile?.allowAnyHost === true,
    client: own ? 'own' : 'cli',
    clientId: own ? profile.clientId : '',
    port: String(profile?.callbackPort ?? DEFAULT_CALLBACK_PORT),
  };
}

function toInput(profile: OrgProfile | null, v: FormValues) {
  return {
    ...(profile ? { id: profile.id } : {}),
    name: v.name,
    environment: v.environment,
    ...(v.environment === 'myDomain' ? { myDomainUrl: v.myDomainUrl, ...(v.allowAnyHost ? { allowAnyHost: v.allowAnyHost } : {}) } : {}),
    ...(v.jwtAudience.trim() ? { jwtAudience: v.jwtAudience } : {}),
    clientId: v.client === 'cli' ? DEFAULT_CLIENT_ID : v.clientId,
    callbackPort: v.client === 'cli' ? DEFAULT_CALLBACK_PORT : Number(v.port),
  };
}

/** Adds or edits an org profile: where to sign in, and with which OAuth client and loopback port. */
export function ProfileDialog({ profile, onClose }: { profile: OrgProfile | null; onClose: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const { live, update } = useLive();
  const saving = useOperation();
  const [values, setValues] = useState(() => initialValues(profile));
  const [submitted, setSubmitted] = useState(false);
  const set: FieldsProps['set'] = (key, value) => setValues((v) => ({ ...v, [key]: value }));

  const input = toInput(profile, values);
  // The contract's own schema decides what is valid; the form only shows where.
  const parsed = orgProfileInputSchema.safeParse(input);
  const invalid = new Set(parsed.success ? [] : parsed.error.issues.map((issue) => String(issue.path[0])));
  const showError = (field: string) => submitted && invalid.has(field);

  // Main refuses a change of address, client or "allow any host" until the admin agrees it ends the session.
  const endsSession = saving.error?.code === 'SESSION_ENDS_ON_SAVE';
  const submit = async (event: FormEvent | null, endSession = false) => {
    event?.preventDefault();
    setSubmitted(true);
    if (!parsed.success) return;
    const saved = await saving.run(() => api['profiles.save']({ ...input, ...(endSession && { endSession: true }) }));
    if (!saved) return;
    const settings = await saving.run(() => api['settings.get']({}));
    if (settings) update({ settings });
    onClose();
  };

  return (
    <Dialog open onClose={onClose} aria-labelledby="profile-title" maxWidth="sm" fullWidth>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <DialogTitle id="profile-title">{profile ? t('settings.profile.editTitle') : t('settings.profile.addTitle')}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            <OrgFields values={values} set={set} showError={showError} />
            <ClientFields values={values} set={set} showError={showError} />
          </Stack>
          {saving.error && !endsSession && <ErrorAlert error={saving.error} />}
          {endsSession && (
            <Alert
              severity="warning"
              sx={{ mt: 2 }}
              action={
                <Button color="inherit" size="small" disabled={saving.busy} onClick={() => void submit(null, true)}>
                  {t('settings.profile.saveAndEndSession')}
                </Button>
              }
            >
              {t('errors.SESSION_ENDS_ON_SAVE', { name: profile?.name ?? '' })}
            </Alert>
          )}
          {live.auth.state === 'signedIn' && live.auth.profileId === profile?.id && (
            <Typography variant="body2" color="text.secondary" sx={{ mt: 2 }}>
              {t('settings.profile.signedInNote')}
            </Typography>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{t('actions.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={saving.busy}>
            {t('settings.profile.save')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/** Which org: its name here, where it signs in, and the JWT audience if it is not the usual one. */
function OrgFields({ values, set, showError }: FieldsProps) {
  const { t } = useTranslation();
  const myDomain = values.environment === 'myDomain';
  return (
    <>
      <TextField
        label={t('settings.profile.name')}
        value={values.name}
        onChange={(e) => set('name', e.target.value)}
        error={showError('name')}
        helperText={showError('name') ? t('settings.profile.nameRequired') : t('settings.profile.nameHelp')}
        autoFocus
        required
      />
      <TextField
        select
        label={t('settings.profile.environment')}
        value={values.environment}
        onChange={(e) => set('environment', e.target.value as Environment)}
      >
        {environments.map((env) => (
          <MenuItem key={env} value={env}>
            {t(`environments.${env}`)}
          </MenuItem>
        ))}
      </TextField>
      {myDomain && (
        <TextField
          label={t('settings.profile.myDomainUrl')}
          placeholder="https://acme.my.salesforce.com"
          value={values.myDomainUrl}
          onChange={(e) => set('myDomainUrl', e.target.value)}
          error={showError('myDomainUrl')}
          helperText={showError('myDomainUrl') ? t('settings.profile.myDomainInvalid') : t('settings.profile.myDomainHelp')}
          required
        />
      )}
      {myDomain && (
        <FormControlLabel
          control={<Checkbox checked={values.allowAnyHost} onChange={(e) => set('allowAnyHost', e.target.checked)} />}
          label={t('settings.profile.allowAnyHost')}
        />
      )}
      {myDomain && values.allowAnyHost && <Alert severity="warning">{t('settings.profile.allowAnyHostWarning')}</Alert>}
      <TextField
        label={t('settings.profile.jwtAudience')}
        placeholder={t('settings.profile.jwtAudiencePlaceholder')}
        value={values.jwtAudience}
        onChange={(e) => set('jwtAudience', e.target.value)}
        error={showError('jwtAudience')}
        helperText={showError('jwtAudience') ? t('settings.profile.jwtAudienceInvalid') : t('settings.profile.jwtAudienceHelp')}
      />
    </>
  );
}

/** Which OAuth client signs the admin in: the Salesforce CLI's, or their own with its loopback port. */
function ClientFields({ values, set, showError }: FieldsProps) {
  const { t } = useTranslation();
  return (
    <>
      <FormControl>
        <FormLabel id="client-label">{t('settings.profile.client')}</FormLabel>
        <RadioGroup aria-labelledby="client-label" value={values.client} onChange={(e) => set('client', e.target.value as Client)}>
          <FormControlLabel
            value="cli"
            control={<Radio />}
            label={t('settings.profile.cliClient', { clientId: DEFAULT_CLIENT_ID, port: DEFAULT_CALLBACK_PORT })}
          />
          <Typography variant="body2" color="text.secondary" sx={{ ml: 4, mt: -0.5, mb: 1 }}>
            {t('settings.profile.cliClientHelp')}
          </Typography>
          <FormControlLabel value="own" control={<Radio />} label={t('settings.profile.ownClient')} />
          <Typography variant="body2" color="text.secondary" sx={{ ml: 4, mt: -0.5 }}>
            {t('settings.profile.ownClientHelp', { callbackPath: SIGN_IN_CALLBACK_PATH })}
          </Typography>
        </RadioGroup>
      </FormControl>
      {values.client === 'own' && (
        <Stack direction="row" spacing={2}>
          <TextField
            label={t('settings.profile.clientId')}
            value={values.clientId}
            onChange={(e) => set('clientId', e.target.value)}
            error={showError('clientId')}
            helperText={showError('clientId') ? t('settings.profile.clientIdRequired') : ' '}
            required
            sx={{ flexGrow: 1 }}
          />
          <TextField
            label={t('settings.profile.port')}
            value={values.port}
            onChange={(e) => set('port', e.target.value)}
            error={showError('callbackPort')}
            helperText={
              showError('callbackPort')
                ? t('settings.profile.portInvalid')
                : t('settings.profile.portHelp', { port: values.port, callbackPath: SIGN_IN_CALLBACK_PATH })
            }
            slotProps={{ htmlInput: { inputMode: 'numeric' } }}
            sx={{ width: 200 }}
          />
        </Stack>
      )}
    </>
  );
}
