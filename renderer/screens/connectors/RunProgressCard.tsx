import Alert from '@mui/material/Alert';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import LinearProgress from '@mui/material/LinearProgress';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import ErrorIcon from '@mui/icons-material/Error';
import RadioButtonUncheckedIcon from '@mui/icons-material/RadioButtonUnchecked';
import RemoveCircleOutlineIcon from '@mui/icons-material/RemoveCircleOutlined';
import UndoIcon from '@mui/icons-material/Undo';
import CircularProgress from '@mui/material/CircularProgress';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActivationProgress, RunProgress, StepProgress } from '../../../common';
import { formatDuration } from '../../i18n/format';
import { afterNextPaint } from '../../state/after-paint';
import { takeProgressFocus } from '../../state/progress-focus';
import { useNow } from '../../state/use-now';
import { CancelRunButton } from './CancelRunButton';
import { currentStepOf } from './connection-status';

/** The run's steps with the current one marked, elapsed time, and the activation countdown. */
export function RunProgressCard({ run, active }: { run: RunProgress; active: boolean }) {
  const { t } = useTranslation();
  const current = currentStepOf(run);
  const done = run.steps.filter((s) => s.state === 'done' || s.state === 'skipped').length;
  const heading = useInView(active ? run.startedAt : null);
  return (
    // The sticky app bar covers the top of the window: scrolled into view below it.
    <Card component="section" aria-labelledby="progress-heading" sx={{ scrollMarginTop: 120 }}>
      <CardContent>
        <Typography
          id="progress-heading"
          ref={heading}
          tabIndex={-1}
          variant="h6"
          component="h3"
          sx={{ '&:focus-visible': { outline: 'none' } }}
        >
          {t(`run.title.${run.kind}`)}
        </Typography>
        {active && (
          <>
            <Typography variant="body2" color="text.secondary">
              {t('run.mayTakeMinutes')}
            </Typography>
            <Elapsed since={run.startedAt} />
            <LinearProgress
              variant="determinate"
              value={run.steps.length ? (done / run.steps.length) * 100 : 0}
              aria-label={t('run.progressLabel', { done, total: run.steps.length })}
              sx={{ my: 1 }}
            />
            {/* Announced once per step, not every second. */}
            <Typography variant="body2" role="status" aria-live="polite">
              {current ? t('run.currentStep', { step: t(`steps.${current.id}`) }) : ''}
            </Typography>
          </>
        )}
        {active && current?.id === 'activation' && run.activation && <ActivationCountdown {...run.activation} />}
        {active && run.kind !== 'rollback' && <CancelRunButton run={run} />}
        <List dense component="ol" aria-label={t('run.stepsLabel')}>
          {run.steps.map((step) => (
            <StepRow key={step.id} step={step} isCurrent={active && step.id === current?.id} />
          ))}
        </List>
      </CardContent>
    </Card>
  );
}

/**
 * After Confirm the run's progress is what the admin waits for: scrolled into view and focused once
 * (per confirmed run), so it never starts below the fold behind an "In progress" chip.
 */
function useInView(runStart: string | null) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (runStart === null || !takeProgressFocus()) return;
    return afterNextPaint(() => {
      const element = heading.current;
      if (!element) return;
      element.focus({ preventScroll: true });
      element.closest('section')?.scrollIntoView?.({ block: 'start', behavior: 'smooth' });
    });
  }, [runStart]);
  return heading;
}

function Elapsed({ since }: { since: string }) {
  const { t } = useTranslation();
  const now = useNow();
  return (
    <Typography variant="body2" color="text.secondary">
      {t('run.elapsed', { time: formatDuration(now - Date.parse(since)) })}
    </Typography>
  );
}

/** The real wait: counted from the app's creation (Salesforce's clock), with this wait's own deadline. */
function ActivationCountdown({ attempt, nextAttemptAt, deadlineAt, waitingSince }: ActivationProgress) {
  const { t } = useTranslation();
  const now = useNow();
  return (
    <Alert severity="info" sx={{ my: 1 }}>
      <Typography variant="body2">{t('run.activation.mayTakeHalfAnHour')}</Typography>
      <Typography variant="body2">{t('run.activation.sinceCreated', { time: formatDuration(now - Date.parse(waitingSince)) })}</Typography>
      <Typography variant="body2">
        {t('run.activation.attempt', { attempt })}
        {nextAttemptAt && ` · ${t('run.activation.nextAttempt', { time: formatDuration(Date.parse(nextAttemptAt) - now) })}`}
      </Typography>
      <Typography variant="body2">{t('run.activation.timeLeft', { time: formatDuration(Date.parse(deadlineAt) - now) })}</Typography>
    </Alert>
  );
}

function StepRow({ step, isCurrent }: { step: StepProgress; isCurrent: boolean }) {
  const { t } = useTranslation();
  const icon = {
    pending: <RadioButtonUncheckedIcon color="disabled" />,
    running: <CircularProgress size={20} />,
    done: <CheckCircleIcon color="success" />,
    failed: <ErrorIcon color="error" />,
    skipped: <RemoveCircleOutlineIcon color="disabled" />,
    undone: <UndoIcon color="action" />,
  }[step.state];
  return (
    <ListItem aria-current={isCurrent ? 'step' : undefined} sx={isCurrent ? { fontWeight: 'bold' } : undefined}>
      <ListItemIcon sx={{ minWidth: 36 }} aria-hidden>
        {icon}
      </ListItemIcon>
      <ListItemText
        primary={`${t(`steps.${step.id}`)} — ${t(`stepStates.${step.state}`)}`}
        secondary={step.noteKey ? t(`run.notes.${step.noteKey}`) : step.note}
        slotProps={{ primary: { sx: isCurrent ? { fontWeight: 600 } : undefined } }}
      />
    </ListItem>
  );
}
