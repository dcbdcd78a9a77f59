import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { CertificateExpiry } from '../../../common';
import { useApi } from '../../api/context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useReview } from '../../components/review';
import { formatDateTime } from '../../i18n/format';
import { useLive } from '../../state/live';
import { useOperation } from '../../state/use-operation';
import { CredentialsDialog } from './CredentialsDialog';

/** Runs a reviewed Rotate key (or Adopt, whose review is Rotate key's): the plan shown first, then the run with its id. */
export function useRotateKey(run: 'rotateKey' | 'adopt') {
  const api = useApi();
  const { update } = useLive();
  const operation = useOperation();
  const review = useReview();
  /** True once the run started (the admin confirmed the plan). */
  const start = async (options: { handOver?: boolean } = {}): Promise<boolean> => {
    const reviewed = await review('rotateKey');
    if (!reviewed) return false;
    const input = { planId: reviewed.planId, ...(options.handOver === true && { handOver: true }) };
    const connection = await operation.run(() => api[`connection.${run}`](input));
    if (connection) update({ connection });
    return connection !== undefined;
  };
  return { ...operation, start };
}

/**
 * When the admin started a rotation (the rotation time before it). The details card, and this button,
 * leave the screen while the run shows its progress, so the offer of the new credentials lives here.
 */
const rotation = (() => {
  let startedFrom: string | undefined | null = null;
  const listeners = new Set<() => void>();
  const set = (value: string | undefined | null) => {
    startedFrom = value;
    listeners.forEach((listener) => listener());
  };
  return {
    subscribe: (listener: () => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    get: () => startedFrom,
    started: (before: string | undefined) => set(before),
    offered: () => set(null),
  };
})();

/**
 * The details card's Rotate key: the review (the agent's key stops working at once), then the run;
 * when it has replaced the certificate, the credentials export opens for the agent's new key.
 */
export function RotateKeyButton({ rotatedAt }: { rotatedAt: string | undefined }) {
  const { t } = useTranslation();
  const rotate = useRotateKey('rotateKey');
  const startedFrom = useSyncExternalStore(rotation.subscribe, rotation.get);
  const offer = startedFrom !== null && rotatedAt !== undefined && rotatedAt !== startedFrom;
  const begin = async (handOver = false) => {
    const before = rotatedAt;
    if (await rotate.start({ handOver })) rotation.started(before);
  };
  return (
    <>
      <Button variant="outlined" disabled={rotate.busy} onClick={() => void begin()}>
        {t('details.rotateKey')}
      </Button>
      {rotate.error && <ErrorAlert error={rotate.error} onHandOver={() => void begin(true)} />}
      {offer && <CredentialsDialog onClose={rotation.offered} />}
    </>
  );
}

/** The certificate's end in the details, and when the key was last rotated. */
export function CertificateText({ certificate }: { certificate: CertificateExpiry }) {
  const { t, i18n } = useTranslation();
  const date = (iso: string) => formatDateTime(iso, i18n.language);
  return (
    <>
      {certificate.warning === 'expired'
        ? t('details.certificateExpired', { date: date(certificate.notAfter) })
        : t('details.certificateValidUntil', { date: date(certificate.notAfter), days: certificate.daysLeft })}
      {certificate.rotatedAt && (
        <Alert severity="info" variant="outlined" sx={{ mt: 0.5, py: 0 }}>
          {t('details.certificateRotatedAt', { date: date(certificate.rotatedAt) })}
        </Alert>
      )}
    </>
  );
}

/** Warned 30 and 7 days ahead, and on every start while it applies (the state carries it). */
export function CertificateWarning({ certificate }: { certificate: CertificateExpiry | undefined }) {
  const { t, i18n } = useTranslation();
  if (!certificate || certificate.warning === 'none') return null;
  const params = { date: formatDateTime(certificate.notAfter, i18n.language), days: certificate.daysLeft };
  return (
    <Alert severity={certificate.warning === 'within30Days' ? 'info' : 'warning'}>
      {t(`certificateWarning.${certificate.warning}`, params)}
    </Alert>
  );
}
