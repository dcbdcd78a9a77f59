import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { PermissionChange, PermissionFlags } from '../../../../common';
import { accessRows, fieldGroups } from './access-rows';

export function useFlags(): (flags: PermissionFlags | null) => string {
  const { t } = useTranslation();
  return (flags) =>
    flags
      ? [flags.read && t('review.flags.read'), flags.edit && t('review.flags.edit'), flags.viewAllRecords && t('review.flags.viewAll')]
          .filter(Boolean)
          .join(' + ')
      : t('review.flags.none');
}

/** The marks a change carries: it widens access, or someone added it by hand. */
function Marks({ change }: { change: PermissionChange }) {
  const { t } = useTranslation();
  return (
    <>
      {change.widens && (
        <Typography component="strong" variant="body2" color="warning.main" sx={{ ml: 1, fontWeight: 700 }}>
          {t('review.access.widens')}
        </Typography>
      )}
      {change.byHand && (
        <Typography component="strong" variant="body2" sx={{ ml: 1, fontWeight: 700 }}>
          {t('review.access.byHand')}
        </Typography>
      )}
    </>
  );
}

/** A change without its name: "Read", "Read → Read + Edit", "Removed (was Read)". */
function ChangeWords({ change }: { change: PermissionChange }) {
  const { t } = useTranslation();
  const flags = useFlags();
  const words = !change.before
    ? flags(change.after)
    : !change.after
      ? t('review.table.removed', { before: flags(change.before) })
      : t('review.table.changed', { before: flags(change.before), after: flags(change.after) });
  return (
    <>
      {words}
      <Marks change={change} />
    </>
  );
}

function FieldsCell({ fields }: { fields: PermissionChange[] }) {
  const { t } = useTranslation();
  const flags = useFlags();
  const { added, other } = fieldGroups(fields);
  if (fields.length === 0) return <>{t('review.table.noFields')}</>;
  return (
    <>
      {[...added.values()].map((group) => (
        <Typography key={group.map((f) => f.field).join()} variant="body2">
          {t('review.table.fieldsAdded', { names: group.map((f) => f.field).join(', '), flags: flags(group[0]?.after ?? null) })}
        </Typography>
      ))}
      {other.map((f) => (
        <Typography key={f.field} variant="body2">
          {f.field}: <ChangeWords change={f} />
        </Typography>
      ))}
    </>
  );
}

/** The access a run changes, one row per object with its fields, as Setup shows a permission set. */
export function AccessTable({ changes, label }: { changes: PermissionChange[]; label: string }) {
  const { t } = useTranslation();
  return (
    <Table size="small" aria-label={label} sx={{ mt: 0.5, '& td, & th': { verticalAlign: 'top' } }}>
      <TableHead>
        <TableRow>
          <TableCell component="th" scope="col">
            {t('review.table.object')}
          </TableCell>
          <TableCell component="th" scope="col">
            {t('review.table.objectAccess')}
          </TableCell>
          <TableCell component="th" scope="col">
            {t('review.table.fields')}
          </TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {accessRows(changes).map((row) => (
          <TableRow key={row.object}>
            <TableCell component="th" scope="row" sx={{ fontWeight: 600 }}>
              {row.object}
            </TableCell>
            <TableCell>{row.own ? <ChangeWords change={row.own} /> : t('review.table.objectUnchanged')}</TableCell>
            <TableCell>
              <FieldsCell fields={row.fields} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
