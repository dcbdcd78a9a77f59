import ListItem from '@mui/material/ListItem';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import ErrorIcon from '@mui/icons-material/Error';
import InfoIcon from '@mui/icons-material/Info';
import WarningIcon from '@mui/icons-material/Warning';
import { useTranslation } from 'react-i18next';
import type { PreflightCheck } from '../../../common';
import { VisuallyHidden } from '../../components/VisuallyHidden';

/** One check with its outcome and fix; the review of Turn on shows the same rows. */
export function CheckRow({ check }: { check: PreflightCheck }) {
  const { t } = useTranslation();
  const outcome = check.ok ? 'passed' : check.severity;
  const fix = check.fixKey ? t(`preflight.fixes.${check.fixKey}`, { defaultValue: check.fix }) : check.fix;
  const icons = {
    passed: <CheckCircleIcon color="success" />,
    blocker: <ErrorIcon color="error" />,
    warning: <WarningIcon color="warning" />,
    info: <InfoIcon color="info" />,
  };
  return (
    <ListItem alignItems="flex-start">
      <ListItemIcon sx={{ minWidth: 36, mt: 0.5 }} aria-hidden>
        {icons[outcome]}
      </ListItemIcon>
      <ListItemText
        primary={
          <>
            <VisuallyHidden>{t(`preflight.outcome.${outcome}`)}: </VisuallyHidden>
            {check.finding ? t(`preflight.checks.${check.finding}`, { ...check.params, defaultValue: check.message }) : check.message}
          </>
        }
        secondary={fix && !check.ok ? t('preflight.fix', { fix }) : undefined}
      />
    </ListItem>
  );
}
