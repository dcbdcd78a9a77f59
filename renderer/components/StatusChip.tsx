import Chip, { type ChipProps } from '@mui/material/Chip';
import { useTranslation } from 'react-i18next';
import type { Connector } from '../../common';

export type ChipStatus = Connector['status'];

const colors: Record<ChipStatus, ChipProps['color']> = {
  notSetUp: 'default',
  off: 'default',
  running: 'info',
  connected: 'success',
  drift: 'warning',
  error: 'error',
  interrupted: 'warning',
  waiting: 'info',
};

export function StatusChip({ status }: { status: ChipStatus }) {
  const { t } = useTranslation();
  return <Chip size="small" color={colors[status]} label={t(`status.${status}`)} />;
}
