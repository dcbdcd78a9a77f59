import Alert from '@mui/material/Alert';
import List from '@mui/material/List';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { PreflightReport, UserFieldInput } from '../../../common';
import { CheckRow } from './PreflightCheckRow';

/** The values the admin typed, by User field API name. */
export type UserFieldEntries = Record<string, string>;

/** A required User field still without a value: Turn on cannot start (Salesforce would refuse the user). */
export function missingRequired(preflight: PreflightReport | undefined, values: UserFieldEntries): boolean {
  return (preflight?.userFields ?? []).some((f) => f.required && !values[f.name]?.trim());
}

/** Only what the admin filled in goes to the run. */
export function enteredValues(values: UserFieldEntries): UserFieldEntries {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v.trim() !== ''));
}

function FieldInput({ field, value, onChange }: { field: UserFieldInput; value: string; onChange: (value: string) => void }) {
  const { t } = useTranslation();
  const label = t(field.required ? 'review.setup.required' : 'review.setup.optional', { label: field.label, name: field.name });
  const help = field.rule ? t('review.setup.rule', { rule: field.rule, message: field.ruleMessage ?? '' }) : t('review.setup.requiredHelp');
  const picklist = field.picklistValues ?? [];
  return (
    <TextField
      size="small"
      label={label}
      value={value}
      required={field.required}
      helperText={help}
      select={picklist.length > 0}
      onChange={(event) => onChange(event.target.value)}
      slotProps={{ htmlInput: { maxLength: 255 } }}
    >
      {picklist.map((v) => (
        <MenuItem key={v} value={v}>
          {v}
        </MenuItem>
      ))}
    </TextField>
  );
}

/**
 * Turn on's pre-flight inside its review (facts USER-REQUIRED-FIELDS, USER-VALIDATION-RULES,
 * MICROSOFT-SALES-AGENT-CONNECTION): what is not simply fine, each with its fix, and a value for
 * each User field the org's own setup asks of the integration user.
 */
export function ReviewOrgSetup({
  preflight,
  values,
  onChange,
}: {
  preflight: PreflightReport;
  values: UserFieldEntries;
  onChange: (values: UserFieldEntries) => void;
}) {
  const { t } = useTranslation();
  const findings = preflight.checks.filter((c) => !c.ok);
  const fields = preflight.userFields ?? [];
  return (
    <section aria-label={t('review.setup.title')}>
      {findings.length > 0 && (
        <>
          <Typography variant="subtitle2" component="h3" sx={{ mt: 2 }}>
            {t('review.setup.preflight')}
          </Typography>
          <List dense aria-label={t('review.setup.preflight')}>
            {findings.map((c) => (
              <CheckRow key={c.id} check={c} />
            ))}
          </List>
        </>
      )}
      {fields.length > 0 && (
        <>
          <Typography variant="subtitle2" component="h3" sx={{ mt: 2 }}>
            {t('review.setup.title')}
          </Typography>
          <Typography variant="body2" sx={{ mb: 1 }}>
            {t('review.setup.intro')}
          </Typography>
          <Stack spacing={2}>
            {fields.map((f) => (
              <FieldInput key={f.name} field={f} value={values[f.name] ?? ''} onChange={(v) => onChange({ ...values, [f.name]: v })} />
            ))}
          </Stack>
          {missingRequired(preflight, values) && (
            <Alert severity="warning" sx={{ mt: 1 }}>
              {t('review.setup.missing')}
            </Alert>
          )}
        </>
      )}
    </section>
  );
}
