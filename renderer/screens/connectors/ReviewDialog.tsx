import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import CircularProgress from '@mui/material/CircularProgress';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError, PermissionChange, PermissionFlags, PlannedRunKind, RunPlan } from '../../../common';
import { toAppError } from '../../../common/app-error';
import { useApi } from '../../api/context';
import { useErrorText } from '../../components/error-text';
import type { Reviewed } from '../../components/review-types';
import { enteredValues, missingRequired, ReviewOrgSetup, type UserFieldEntries } from './ReviewOrgSetup';

/** A tick box's value and setter. */
interface Choice {
  value: boolean;
  set: (value: boolean) => void;
}

const removes = (kind: PlannedRunKind): boolean => kind === 'disable' || kind === 'recreate' || kind === 'reconnect' || kind === 'rollback';

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <>
      <Typography variant="subtitle2" component="h3" sx={{ mt: 2 }}>
        {title}
      </Typography>
      <Typography component="ul" variant="body2" sx={{ pl: 3, my: 0.5 }}>
        {children}
      </Typography>
    </>
  );
}

function useFlags(): (flags: PermissionFlags | null) => string {
  const { t } = useTranslation();
  return (flags) =>
    flags
      ? [flags.read && t('review.flags.read'), flags.edit && t('review.flags.edit'), flags.viewAllRecords && t('review.flags.viewAll')]
          .filter(Boolean)
          .join(' + ')
      : t('review.flags.none');
}

function AccessChange({ change }: { change: PermissionChange }) {
  const { t } = useTranslation();
  const flags = useFlags();
  const name = change.field === null ? change.object : `${change.object}.${change.field}`;
  const key = !change.before ? 'added' : !change.after ? 'removed' : 'changed';
  return (
    <li>
      {t(`review.access.${key}`, { name, before: flags(change.before), after: flags(change.after) })}
      {change.byHand && (
        <Typography component="strong" variant="body2" sx={{ ml: 1, fontWeight: 700 }}>
          {t('review.access.byHand')}
        </Typography>
      )}
      {change.widens && (
        <Typography component="strong" variant="body2" color="warning.main" sx={{ ml: 1, fontWeight: 700 }}>
          {t('review.access.widens')}
        </Typography>
      )}
    </li>
  );
}

/** Grants someone added by hand in Salesforce: kept unless the admin ticks their removal. */
function HandAdded({ changes, remove, onChange }: { changes: PermissionChange[]; remove: boolean; onChange: (remove: boolean) => void }) {
  const { t } = useTranslation();
  return (
    <>
      <Section title={t('review.handAdded.title')}>
        {changes.map((c) => (
          <AccessChange key={`${c.object}.${c.field ?? ''}`} change={c} />
        ))}
      </Section>
      <FormControlLabel
        control={<Checkbox checked={remove} onChange={(event) => onChange(event.target.checked)} />}
        label={t('review.handAdded.remove')}
      />
    </>
  );
}

function PlanSections({ plan, removeHandAdded }: { plan: RunPlan; removeHandAdded: Choice }) {
  const { t } = useTranslation();
  const o = plan.oauth;
  const ours = plan.access.filter((c) => c.byHand !== true);
  const byHand = plan.access.filter((c) => c.byHand === true);
  return (
    <>
      <Section title={t('review.sections.org')}>
        {plan.artifacts.map((a) => (
          <li key={a.part}>
            {t(`review.artifacts.${a.action}`, {
              part: t(`review.parts.${a.part}`),
              name: a.apiName ? `${a.name} (${a.apiName})` : a.name,
            })}
          </li>
        ))}
      </Section>
      {plan.licences.some((l) => l.change !== 'keep') && (
        <Section title={t('review.sections.licences')}>
          {plan.licences
            .filter((l) => l.change !== 'keep')
            .map((l) => (
              <li key={l.licence}>
                {t(`review.licences.${l.change}`, { name: t(`review.licenceNames.${l.licence}`), count: l.available ?? 0 })}
              </li>
            ))}
        </Section>
      )}
      {ours.length > 0 && (
        <Section title={t('review.sections.access')}>
          {ours.map((c) => (
            <AccessChange key={`${c.object}.${c.field ?? ''}`} change={c} />
          ))}
        </Section>
      )}
      {byHand.length > 0 && <HandAdded changes={byHand} remove={removeHandAdded.value} onChange={removeHandAdded.set} />}
      {o && (
        <Section title={t('review.sections.oauth')}>
          <li>{t('review.oauth.scopes', { scopes: o.scopes.join(', ') })}</li>
          <li>{t('review.oauth.preAuthorised', { name: o.preAuthorisedPermissionSet })}</li>
          <li>{t(o.ipPolicy === 'Enforce' ? 'review.oauth.ipEnforced' : 'review.oauth.ipRelaxed')}</li>
          <li>{t('review.oauth.certificate', { days: o.certificateValidDays, until: o.certificateValidUntil.slice(0, 10) })}</li>
        </Section>
      )}
      {plan.notInOrg && plan.notInOrg.length > 0 && (
        <Alert severity="info" sx={{ mt: 1 }}>
          {t('review.notInOrg', { names: plan.notInOrg.join(', '), count: plan.notInOrg.length })}
        </Alert>
      )}
      {plan.consequences.map((c) => (
        <Alert
          key={c}
          severity={c === 'accessWidens' || c === 'consumerKeyChanges' || c === 'reexportCredentials' ? 'warning' : 'info'}
          sx={{ mt: 1 }}
        >
          {t(`review.consequences.${c}`)}
        </Alert>
      ))}
    </>
  );
}

/** Why no plan could be read (signed out, the org unreachable): nothing was changed. Plain text, to keep the dialog free of run buttons. */
function PlanFailed({ error }: { error: AppError }) {
  const { headline, detail } = useErrorText()(error);
  return (
    <Alert severity="error" sx={{ mt: 2 }}>
      {headline}
      {detail && <Typography variant="body2">{detail}</Typography>}
    </Alert>
  );
}

/** The plan of one run, read from the org now; Confirm hands its id to the run, Cancel changes nothing. */
export function ReviewDialog({
  kind,
  takeOver = false,
  onCancel,
  onConfirm,
}: {
  kind: PlannedRunKind;
  /** The run takes over another install's connection: said first, as a warning. */
  takeOver?: boolean;
  onCancel: () => void;
  onConfirm: (reviewed: Reviewed) => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const [plan, setPlan] = useState<RunPlan | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  // Off by default: grants someone added by hand go only when the admin ticks it.
  const [removeHandAdded, setRemoveHandAdded] = useState(false);
  // Values for the User fields the org's own setup asks for (Turn on only).
  const [userFields, setUserFields] = useState<UserFieldEntries>({});

  useEffect(() => {
    let active = true;
    api['connection.plan']({ kind }).then(
      (loaded) => active && setPlan(loaded),
      (thrown: unknown) => active && setError(toAppError(thrown)),
    );
    return () => {
      active = false;
    };
  }, [api, kind]);

  return (
    <Dialog open onClose={onCancel} aria-labelledby="review-title" maxWidth="sm" fullWidth>
      <DialogTitle id="review-title">{t(`review.title.${kind}`)}</DialogTitle>
      {/* A long plan scrolls: the region takes focus so it can be read with the keyboard. */}
      <DialogContent tabIndex={0} aria-labelledby="review-title" role="region">
        {takeOver && (
          <Alert severity="warning" variant="filled" sx={{ mb: 2 }}>
            {t('review.takeOver')}
          </Alert>
        )}
        <Typography variant="body2">{t('review.intro')}</Typography>
        {!plan && !error && <CircularProgress size={24} aria-label={t('common.loading')} sx={{ my: 2 }} />}
        {error && <PlanFailed error={error} />}
        {plan && <PlanSections plan={plan} removeHandAdded={{ value: removeHandAdded, set: setRemoveHandAdded }} />}
        {plan?.preflight && <ReviewOrgSetup preflight={plan.preflight} values={userFields} onChange={setUserFields} />}
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel} autoFocus>
          {t('actions.cancel')}
        </Button>
        <Button
          color={removes(kind) ? 'error' : 'primary'}
          variant="contained"
          disabled={!plan || missingRequired(plan.preflight, userFields)}
          onClick={() => plan && onConfirm({ planId: plan.id, removeHandAdded, userFields: enteredValues(userFields) })}
        >
          {t(`review.confirm.${kind}`)}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
