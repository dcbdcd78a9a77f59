import Skeleton from '@mui/material/Skeleton';
import { useTranslation } from 'react-i18next';

/**
 * Stands in for a part that is still loading (data or code), at roughly its size so nothing jumps.
 * `aria-busy` tells assistive technology, and the tests, that more is on its way.
 */
export function Pending({ height, width }: { height: number; width?: number | string }) {
  const { t } = useTranslation();
  return <Skeleton variant="rounded" height={height} width={width} aria-busy="true" aria-label={t('common.loading')} role="progressbar" />;
}
