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

/** The audit log: every change the app made, who made it, in which org, and how it ended. */
export default function ActivityScreen() {
  const { t } = useTranslation();
  const api = useApi();
  const saved = useSavedFile();
  const exporting = useOperation();
  const operationLabel = useOperationLabel();
  const [orgId, setOrgId] = useState(ALL);
  const [operation, setOperation] = useState(ALL);
  const [all, setAll] = useState<AuditEntry[] | null>(null);
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [error, setError] = useState<AppError | null>(null);

  // The unfiltered log supplies the filter choices; the filtered one is what the table shows.
  useEffect(() => {
    let active = true;
    api['audit.list']({}).then(
      (list) => active && setAll(list),
      (thrown: unknown) => active && setError(toAppError(thrown)),
    );
    return () => {
      active = false;
    };
  }, [api]);
  useEffect(() => {
    let active = true;
    const filter = { ...(orgId ? { orgId } : {}), ...(operation ? { operation } : {}) };
    api['audit.list'](filter).then(
      (list) => active && setEntries(list),
      (thrown: unknown) => active && setError(toAppError(thrown)),
    );
    return () => {
      active = false;
    };
  }, [api, orgId, operation]);

  const orgs = [...new Set((all ?? []).map((e) => e.orgId).filter((id): id is string => id !== null))].sort();
  const operations = [...new Set((all ?? []).map((e) => e.operation))].sort();
  const exportAs = async (format: 'json' | 'csv') => {
    const file = await exporting.run(() => api['audit.export']({ format }));
    if (file) saved(file);
  };

  return (
    <Stack spacing={2}>
      <Typography variant="h4" component="h1">
        {t('nav.activity')}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {t('activity.intro')}
      </Typography>
      <Stack direction="row" spacing={2} sx={{ flexWrap: 'wrap', rowGap: 2, alignItems: 'center' }}>
        <TextField
          select
          size="small"
          label={t('activity.org')}
          value={orgId}
          onChange={(e) => setOrgId(e.target.value)}
          sx={{ minWidth: 220 }}
        >
          <MenuItem value={ALL}>{t('activity.allOrgs')}</MenuItem>
          {orgs.map((id) => (
            <MenuItem key={id} value={id}>
              {id}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          select
          size="small"
          label={t('activity.operation')}
          value={operation}
          onChange={(e) => setOperation(e.target.value)}
          sx={{ minWidth: 220 }}
        >
          <MenuItem value={ALL}>{t('activity.allOperations')}</MenuItem>
          {operations.map((op) => (
            <MenuItem key={op} value={op}>
              {operationLabel(op)}
            </MenuItem>
          ))}
        </TextField>
        <Box sx={{ flexGrow: 1 }} />
        <ExportMenu
          disabled={exporting.busy}
          formats={[
            { id: 'json', label: t('export.json'), onSelect: () => void exportAs('json') },
            { id: 'csv', label: t('export.csv'), onSelect: () => void exportAs('csv') },
          ]}
        />
      </Stack>
      {error && <ErrorAlert error={error} />}
      {exporting.error && <ErrorAlert error={exporting.error} />}
      {!entries && !error && <CircularProgress aria-label={t('common.loading')} />}
      {entries && <AuditTable entries={entries} />}
    </Stack>
  );
}

function AuditTable({ entries }: { entries: AuditEntry[] }) {
  const { t, i18n } = useTranslation();
  const operationLabel = useOperationLabel();
  if (entries.length === 0) return <Typography variant="body2">{t('activity.empty')}</Typography>;
  const resultColor = { success: 'success', failure: 'error', partial: 'warning' } as const;
  return (
    <TableContainer component={Paper} variant="outlined">
      <Table size="small" aria-label={t('activity.tableLabel')}>
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
              <TableCell sx={{ overflowWrap: 'anywhere' }}>
                <AuditSummary entry={entry} />
              </TableCell>
              <TableCell sx={{ overflowWrap: 'anywhere' }}>{entry.actor}</TableCell>
              <TableCell>{entry.orgId ?? '—'}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
