import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { useTranslation } from 'react-i18next';
import type { OrgProfile } from '../../../common';

/** The org profile to sign in to; its own module so TextField and Menu load only when there is a choice. */
export default function ProfileSelect({
  profiles,
  value,
  onChange,
}: {
  profiles: OrgProfile[];
  value: string;
  onChange: (id: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <TextField
      select
      label={t('signIn.profile')}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      size="small"
      sx={{ maxWidth: 360 }}
    >
      {profiles.map((profile) => (
        <MenuItem key={profile.id} value={profile.id}>
          {profile.name} · {t(`environments.${profile.environment}`)}
        </MenuItem>
      ))}
    </TextField>
  );
}
