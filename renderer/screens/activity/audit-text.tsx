import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { AccessChange, AuditEntry } from '../../../common';

/** An operation as the admin reads it ("Turn on access"); an unknown one keeps its code name. */
export function useOperationLabel(): (operation: string) => string {
  const { t } = useTranslation();
  return (operation) => t(`activity.operations.${operation.replaceAll('.', '_')}`, { defaultValue: operation });
}

const changeKinds = [
  'addedObjects',
  'removedObjects',
  'addedFields',
  'removedFields',
  'editOn',
  'editOff',
  'viewAllOn',
  'viewAllOff',
] as const;

/** The summary in the admin's language where main gave a key, with the before/after of access changes. */
export function AuditSummary({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const text = entry.summaryKey
    ? t(`activity.summaries.${entry.summaryKey}`, { ...entry.params, defaultValue: entry.summary })
    : entry.summary;
  return (
    <>
      {text}
      {entry.access && <AccessChangeList change={entry.access} />}
      {entry.artifacts.length > 0 && (
        <Typography variant="caption" color="text.secondary" component="div">
          {entry.artifacts.join(', ')}
        </Typography>
      )}
    </>
  );
}

function AccessChangeList({ change }: { change: AccessChange }) {
  const { t } = useTranslation();
  const lines = changeKinds.filter((kind) => change[kind].length > 0);
  return (
    <Typography variant="body2" component="ul" sx={{ m: 0, pl: 2.5 }}>
      {lines.map((kind) => (
        <li key={kind}>{t(`activity.accessChange.${kind}`, { names: change[kind].join(', ') })}</li>
      ))}
    </Typography>
  );
}
