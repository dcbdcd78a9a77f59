import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CertificateExpiry, ConnectionState } from '../../../common';
import { useApi } from '../../api/context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../i18n/format';
import { useLive } from '../../state/live';
import { useOperation } from '../../state/use-operation';
import { CredentialsDialog } from './CredentialsDialog';

/** Runs a reviewed Rotate key (or Adopt, whose review is Rotate key's): plan first, then the run with its id. */
export function useRotateKey(run: 'rotateKey' | 'adopt') {
  const api = useApi();
  const { update } = useLive();
  const operation = useOperation();
  const start = async () => {
    const connection = await operation.run(async (): Promise<ConnectionState> => {
      const plan = await api['connection.plan']({ kind: 'rotateKey' });
      return api[`connection.${run}`]({ planId: plan.id });
    });
    if (connection) update({ connection });
  };
  return { ...operation, start };
}

/**
 * The details card's Rotate key: a confirmation that the agent's key stops working at once, then the
 * run; when it has replaced the certificate, the credentials export opens for the agent's new key.
 */
export function RotateKeyButton({ rotatedAt }: { rotatedAt: string | undefined }) {
  const { t } = useTranslation();
  const rotate = useRotateKey('rotateKey');
  const [confirming, setConfirming] = useState(false);
  const [exporting, setExporting] = useState(false);
  const started = useRef<string | undefined | null>(null);
  useEffect(() => {
    if (started.current !== null && rotatedAt && rotatedAt !== started.current) {
      started.current = null;
      setExporting(true);
    }
  }, [rotatedAt]);
  const confirm = () => {
    setConfirming(false);
    started.current = rotatedAt;
    void rotate.start();
  };
  return (
    <>
      <Button variant="outlined" disabled={rotate.busy} onClick={() => setConfirming(true)}>
        {t('details.rotateKey')}
      </Button>
      {rotate.error && <ErrorAlert error={rotate.error} />}
      <Dialog
        open={confirming}
        onClose={() => setConfirming(false)}
        aria-labelledby="rotate-title"
        aria-describedby="rotate-description"
        maxWidth="sm"
        fullWidth
      >
        <DialogTitle id="rotate-title">{t('details.rotateConfirmTitle')}</DialogTitle>
        <DialogContent>
          <DialogContentText id="rotate-description">{t('details.rotateConfirmBody')}</DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirming(false)} autoFocus>
            {t('details.rotateCancel')}
          </Button>
          <Button color="warning" variant="contained" onClick={confirm}>
            {t('details.rotateConfirm')}
          </Button>
        </DialogActions>
      </Dialog>
      {exporting && <CredentialsDialog onClose={() => setExporting(false)} />}
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
