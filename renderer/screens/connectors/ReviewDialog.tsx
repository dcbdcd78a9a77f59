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
import type { AppError, PermissionChange, PlannedRunKind, RunPlan } from '../../../common';
import { toAppError } from '../../../common/app-error';
import { useApi } from '../../api/context';
import { useErrorText } from '../../components/error-text';
import type { Reviewed } from '../../components/review-types';
import { AccessTable } from './review/AccessTable';
import { Consequences } from './review/Consequences';
import { OAuthPolicies } from './review/OAuthPolicies';
import { PlannedVisibilityTable } from './review/PlannedVisibilityTable';
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

/** Grants someone added by hand in Salesforce: kept unless the admin ticks their removal. */
function HandAdded({ changes, remove, onChange }: { changes: PermissionChange[]; remove: boolean; onChange: (remove: boolean) => void }) {
  const { t } = useTranslation();
  return (
    <>
      <Typography variant="subtitle2" component="h3" sx={{ mt: 2 }}>
        {t('review.handAdded.title')}
      </Typography>
      <AccessTable changes={changes} label={t('review.handAdded.title')} />
      <FormControlLabel
        control={<Checkbox checked={remove} onChange={(event) => onChange(event.target.checked)} />}
        label={t('review.handAdded.remove')}
      />
    </>
  );
}

function PlanSections({ plan, removeHandAdded }: { plan: RunPlan; removeHandAdded: Choice }) {
  const { t } = useTranslation();
  const ours = plan.access.filter((c) => c.byHand !== true);
  const byHand = plan.access.filter((c) => c.byHand === true);
  // Why a rebuild, or that a smaller run would do: said first, in the warning colour.
  const why = plan.whyRebuild;
  return (
    <>
      {why && (
        <Alert severity={why.endsWith('WouldDo') || why === 'nothingBroken' ? 'warning' : 'info'} sx={{ mt: 2 }}>
          {t(`review.whyRebuild.${why}`)}
        </Alert>
      )}
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
        <>
          <Typography variant="subtitle2" component="h3" sx={{ mt: 2 }}>
            {t('review.sections.access')}
          </Typography>
          <AccessTable changes={ours} label={t('review.sections.access')} />
        </>
      )}
      {byHand.length > 0 && <HandAdded changes={byHand} remove={removeHandAdded.value} onChange={removeHandAdded.set} />}
      {plan.visibility && plan.visibility.length > 0 && <PlannedVisibilityTable visibility={plan.visibility} />}
      {plan.oauth && <OAuthPolicies oauth={plan.oauth} />}
      {plan.notInOrg && plan.notInOrg.length > 0 && (
        <Alert severity="info" sx={{ mt: 1 }}>
          {t('review.notInOrg', { names: plan.notInOrg.join(', '), count: plan.notInOrg.length })}
        </Alert>
      )}
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
        {plan && <Consequences consequences={plan.consequences} />}
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
