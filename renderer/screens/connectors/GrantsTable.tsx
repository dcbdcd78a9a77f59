import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { useTranslation } from 'react-i18next';
import type { Grant } from '../../../common';

/** Granted objects and fields, one row each; object rows carry the object-level rights. */
export function GrantsTable({ grants }: { grants: Grant[] }) {
  const { t } = useTranslation();
  const rights = (grant: Grant) =>
    [grant.read && t('grants.read'), grant.edit && t('grants.edit'), grant.viewAllRecords && t('grants.viewAll')]
      .filter(Boolean)
      .join(', ');
  return (
    // It scrolls, so keyboard users must be able to focus it (WCAG 2.1.1; axe scrollable-region-focusable).
    <TableContainer sx={{ maxHeight: 320 }} tabIndex={0} role="region" aria-label={t('details.grants')}>
      <Table size="small" stickyHeader aria-label={t('details.grants')}>
        <TableHead>
          <TableRow>
            <TableCell>{t('grants.object')}</TableCell>
            <TableCell>{t('grants.field')}</TableCell>
            <TableCell>{t('grants.access')}</TableCell>
            <TableCell>{t('grants.how')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {grants.map((grant) => (
            <TableRow key={`${grant.object}.${grant.field ?? ''}`}>
              <TableCell>{grant.object}</TableCell>
              <TableCell>{grant.field ?? t('grants.wholeObject')}</TableCell>
              <TableCell>{rights(grant)}</TableCell>
              <TableCell>
                {grant.field === null
                  ? t(grant.throughParentRecords ? 'grants.throughParent' : 'grants.objectPermission')
                  : grant.viaFieldPermission
                    ? t('grants.fieldPermission')
                    : t('grants.withObject')}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
