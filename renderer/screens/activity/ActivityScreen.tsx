import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import CircularProgress from '@mui/material/CircularProgress';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError, AuditEntry } from '../../../common';
import { toAppError } from '../../../common/app-error';
import { useApi } from '../../api/context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ExportMenu } from '../../components/ExportMenu';
import { useSavedFile } from '../../components/saved-file';
import { formatDateTime } from '../../i18n/format';
import { useOperation } from '../../state/use-operation';
import { AuditSummary, useOperationLabel } from './audit-text';

const ALL = '';

type AuditFilter = { orgId?: string; operation?: string };

/** One audit query, kept current while the filter changes; a load failure goes to `onError`. */
function useAuditList(filter: AuditFilter, onError: (error: AppError) => void): AuditEntry[] | null {
  const api = useApi();
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const { orgId, operation } = filter;
  useEffect(() => {
    let active = true;
    const query = { ...(orgId ? { orgId } : {}), ...(operation ? { operation } : {}) };
    api['audit.list'](query).then(
      (list) => active && setEntries(list),
      (thrown: unknown) => active && onError(toAppError(thrown)),
    );
    return () => {
      active = false;
    };
  }, [api, orgId, operation, onError]);
  return entries;
}

/** The audit log: every change the app made, who made it, in which org, and how it ended. */
export default function ActivityScreen() {
  const { t } = useTranslation();
  const exporting = useOperation();
  const operationLabel = useOperationLabel();
  const [orgId, setOrgId] = useState(ALL);
  const [operation, setOperation] = useState(ALL);
  const [error, setError] = useState<AppError | null>(null);
  // The unfiltered log supplies the filter choices; the filtered one is what the table shows.
  const all = useAuditList({}, setError);
  const entries = useAuditList({ orgId, operation }, setError);
  const orgs = [...new Set((all ?? []).map((e) => e.orgId).filter((id): id is string => id !== null))].sort();
  const operations = [...new Set((all ?? []).map((e) => e.operation))].sort();

  return (
    <Stack spacing={2}>
      <Typography variant="h4" component="h1">
        {t('nav.activity')}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {t('activity.intro')}
      </Typography>
      <Stack direction="row" spacing={2} sx={{ flexWrap: 'wrap', rowGap: 2, alignItems: 'center' }}>
        <FilterSelect label={t('activity.org')} allLabel={t('activity.allOrgs')} value={orgId} onChange={setOrgId} options={orgs} />
        <FilterSelect
          label={t('activity.operation')}
          allLabel={t('activity.allOperations')}
          value={operation}
          onChange={setOperation}
          options={operations}
          optionLabel={operationLabel}
        />
        <Box sx={{ flexGrow: 1 }} />
        <AuditExport exporting={exporting} />
      </Stack>
      {error && <ErrorAlert error={error} />}
      {exporting.error && <ErrorAlert error={exporting.error} />}
      {!entries && !error && <CircularProgress aria-label={t('common.loading')} />}
      {entries && <AuditTable entries={entries} />}
    </Stack>
  );
}

interface FilterSelectProps {
  label: string;
  allLabel: string;
  value: string;
  onChange: (value: string) => void;
  options: string[];
  optionLabel?: (option: string) => string;
}

function FilterSelect({ label, allLabel, value, onChange, options, optionLabel = (o) => o }: FilterSelectProps) {
  return (
    <TextField select size="small" label={label} value={value} onChange={(e) => onChange(e.target.value)} sx={{ minWidth: 220 }}>
      <MenuItem value={ALL}>{allLabel}</MenuItem>
      {options.map((option) => (
        <MenuItem key={option} value={option}>
          {optionLabel(option)}
        </MenuItem>
      ))}
    </TextField>
  );
}

function AuditExport({ exporting }: { exporting: ReturnType<typeof useOperation> }) {
  const { t } = useTranslation();
  const api = useApi();
  const saved = useSavedFile();
  const exportAs = async (format: 'json' | 'csv') => {
    const file = await exporting.run(() => api['audit.export']({ format }));
    if (file) saved(file);
  };
  return (
    <ExportMenu
      disabled={exporting.busy}
      formats={[
        { id: 'json', label: t('export.json'), onSelect: () => void exportAs('json') },
        { id: 'csv', label: t('export.csv'), onSelect: () => void exportAs('csv') },
      ]}
    />
  );
}

function AuditTable({ entries }: { entries: AuditEntry[] }) {
  const { t, i18n } = useTranslation();
  const operationLabel = useOperationLabel();
  if (entries.length === 0) return <Typography variant="body2">{t('activity.empty')}</Typography>;
  const resultColor = { success: 'success', failure: 'error', partial: 'warning', cancelled: 'default' } as const;
  return (
    // Narrower than its columns (600 px), the table scrolls sideways instead of wrapping a letter per line;
    // a scrolling region must be reachable from the keyboard (axe scrollable-region-focusable).
    <TableContainer component={Paper} variant="outlined" tabIndex={0} role="region" aria-label={t('activity.tableLabel')}>
      <Table size="small" aria-label={t('activity.tableLabel')} sx={{ minWidth: 760 }}>
        <TableHead>
          <TableRow>
            <TableCell>{t('activity.when')}</TableCell>
            <TableCell>{t('activity.operation')}</TableCell>
            <TableCell>{t('activity.result')}</TableCell>
            <TableCell>{t('activity.summary')}</TableCell>
            <TableCell>{t('activity.actor')}</TableCell>
            <TableCell>{t('activity.org')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {entries.map((entry) => (
            <TableRow key={entry.id}>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTime(entry.at, i18n.language)}</TableCell>
              <TableCell>{operationLabel(entry.operation)}</TableCell>
              <TableCell>
                <Chip size="small" variant="outlined" color={resultColor[entry.result]} label={t(`activity.results.${entry.result}`)} />
              </TableCell>
              <TableCell sx={{ overflowWrap: 'break-word', minWidth: 220 }}>
                <AuditSummary entry={entry} />
              </TableCell>
              <TableCell sx={{ overflowWrap: 'break-word', minWidth: 140 }}>{entry.actor}</TableCell>
              <TableCell>{entry.orgId ?? '—'}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
