import Alert from '@mui/material/Alert';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { PlannedVisibility } from '../../../../common';

const seesNothing = (v: PlannedVisibility): boolean => v.willSee === 0 && (v.total ?? 0) > 0;

/**
 * What the agent will see with this access, before anything is created: N of M records per object and
 * why (the reasons Test connection gives afterwards), with a warning where it would see nothing.
 */
export function PlannedVisibilityTable({ visibility }: { visibility: PlannedVisibility[] }) {
  const { t } = useTranslation();
  const blind = visibility.filter(seesNothing);
  return (
    <>
      <Typography variant="subtitle2" component="h3" id="review-visibility" sx={{ mt: 2 }}>
        {t('review.visibility.title')}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {t('review.visibility.intro')}
      </Typography>
      {blind.length > 0 && (
        <Alert severity="warning" sx={{ mt: 1 }}>
          {t('review.visibility.seesNothing', { objects: blind.map((v) => v.object).join(', '), count: blind.length })}
        </Alert>
      )}
      <Table size="small" aria-labelledby="review-visibility" sx={{ mt: 0.5, '& td, & th': { verticalAlign: 'top' } }}>
        <TableHead>
          <TableRow>
            <TableCell component="th" scope="col">
              {t('review.table.object')}
            </TableCell>
            <TableCell component="th" scope="col">
              {t('review.visibility.willSee')}
            </TableCell>
            <TableCell component="th" scope="col">
              {t('review.visibility.why')}
            </TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {visibility.map((v) => (
            <TableRow key={v.object}>
              <TableCell component="th" scope="row" sx={{ fontWeight: 600 }}>
                {v.object}
              </TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap', color: seesNothing(v) ? 'warning.dark' : undefined }}>
                {v.willSee === null
                  ? t('review.visibility.depends')
                  : t('review.visibility.count', { seen: v.willSee, total: v.total ?? '?' })}
              </TableCell>
              <TableCell>
                {t(`visibility.reasons.${v.reason}`, { object: v.object })}
                {seesNothing(v) && ` ${t('visibility.fixViewAll', { object: v.object })}`}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}
