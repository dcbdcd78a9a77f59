import type { CertificateExpiry } from '../../../common';
import { certificateFingerprint, certificateNotAfter } from '../../agent/keys';
import type { Artifacts } from '../steps/results';

const DAY_MS = 24 * 60 * 60 * 1000;
/** The two warnings: a month ahead leaves time to plan, a week ahead is the last call. */
export const FIRST_WARNING_DAYS = 30;
export const LAST_WARNING_DAYS = 7;

/**
 * How close a certificate is to its end, at `now`. Whole days left are counted down (a certificate
 * ending in 6.5 days has 6 left), so "7 days" is never shown past the 7-day line.
 */
export function certificateExpiry(notAfter: string, now: Date): CertificateExpiry {
  const left = Date.parse(notAfter) - now.getTime();
  const daysLeft = Math.floor(left / DAY_MS);
  const warning =
    left <= 0 ? 'expired' : daysLeft < LAST_WARNING_DAYS ? 'within7Days' : daysLeft < FIRST_WARNING_DAYS ? 'within30Days' : 'none';
  return { notAfter, daysLeft, warning };
}

/**
 * The certificate's end from the connection's key pair: recorded by the key pair step, or read from
 * the certificate itself for records written before the end was recorded.
 */
export function recordedNotAfter(artifacts: Artifacts): string | null {
  const recorded = artifacts.keyPair?.notAfter;
  if (recorded) return recorded;
  const pem = artifacts.keyPair?.certificatePem;
  return pem ? certificateNotAfter(pem) : null;
}

/** The connection's certificate as the details show it, with when Rotate key last replaced it. */
export function connectionCertificate(artifacts: Artifacts, now: Date): CertificateExpiry | undefined {
  const notAfter = recordedNotAfter(artifacts);
  if (!notAfter) return undefined;
  const rotatedAt = artifacts.replaceCertificate?.replacedAt;
  const pem = artifacts.keyPair?.certificatePem;
  const fingerprint = pem ? certificateFingerprint(pem) : null;
  return { ...certificateExpiry(notAfter, now), ...(rotatedAt && { rotatedAt }), ...(fingerprint && { fingerprint }) };
}

/** The warning in English (CLI, logs); the renderer words it from `warning` and `daysLeft`. */
export function expiryWarningText(expiry: CertificateExpiry): string | null {
  const day = expiry.notAfter.slice(0, 10);
  switch (expiry.warning) {
    case 'none':
      return null;
    case 'expired':
      return `The agent's certificate expired on ${day}. Rotate the key (rotate-key --yes) and give the agent the new credentials.`;
    default:
      return `The agent's certificate expires on ${day} (in ${expiry.daysLeft} ${expiry.daysLeft === 1 ? 'day' : 'days'}). Rotate the key (rotate-key --yes) before then and give the agent the new credentials.`;
  }
}
