import Alert from '@mui/material/Alert';
import Stack from '@mui/material/Stack';
import { useTranslation } from 'react-i18next';
import type { PlanConsequence } from '../../../../common';

/** What changes for the agent or its key: said first, in the warning colour. The rest is information. */
const forTheAgent = new Set<PlanConsequence>([
  'agentStops',
  'consumerKeyChanges',
  'reexportCredentials',
  'agentOffline',
  'oldKeyStopsAtOnce',
  'accessWidens',
  'accessNarrows',
  'privateKeyDeleted',
]);

/** A review's consequences at its top: what the agent loses or must be given first, then the notes. */
export function Consequences({ consequences }: { consequences: PlanConsequence[] }) {
  const { t } = useTranslation();
  const ordered = [...consequences.filter((c) => forTheAgent.has(c)), ...consequences.filter((c) => !forTheAgent.has(c))];
  if (ordered.length === 0) return null;
  return (
    <Stack spacing={1} sx={{ my: 1.5 }} aria-label={t('review.sections.consequences')} role="group">
      {ordered.map((c) => (
        <Alert key={c} severity={forTheAgent.has(c) ? 'warning' : 'info'} data-consequence={c}>
          {t(`review.consequences.${c}`)}
        </Alert>
      ))}
    </Stack>
  );
}
