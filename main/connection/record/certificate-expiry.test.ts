import { describe, expect, it } from 'vitest';
import { certificateExpiry, expiryWarningText } from './certificate-expiry';

const DAY_MS = 24 * 60 * 60 * 1000;
const notAfter = '2027-03-01T12:00:00.000Z';
/** The clock `days` before the certificate ends. */
const before = (days: number) => new Date(Date.parse(notAfter) - days * DAY_MS);

describe('certificate expiry warnings', () => {
  it('says nothing until 30 days are left', () => {
    expect(certificateExpiry(notAfter, before(31)).warning).toBe('none');
    expect(certificateExpiry(notAfter, before(30)).warning).toBe('none');
    expect(expiryWarningText(certificateExpiry(notAfter, before(45)))).toBeNull();
  });

  it('warns inside the last 30 days, and urgently inside the last 7', () => {
    expect(certificateExpiry(notAfter, before(29.5))).toMatchObject({ warning: 'within30Days', daysLeft: 29 });
    expect(certificateExpiry(notAfter, before(7.5)).warning).toBe('within30Days');
    expect(certificateExpiry(notAfter, before(6.9))).toMatchObject({ warning: 'within7Days', daysLeft: 6 });
    expect(certificateExpiry(notAfter, before(0.2))).toMatchObject({ warning: 'within7Days', daysLeft: 0 });
  });

  it('says the certificate expired once its end has passed', () => {
    const expired = certificateExpiry(notAfter, before(-2));
    expect(expired.warning).toBe('expired');
    expect(expiryWarningText(expired)).toMatch(/expired on 2027-03-01.*rotate-key --yes/);
  });

  it('names the date and the days left in the warning the CLI prints', () => {
    expect(expiryWarningText(certificateExpiry(notAfter, before(6.5)))).toBe(
      "The agent's certificate expires on 2027-03-01 (in 6 days). Rotate the key (rotate-key --yes) before then and give the agent the new credentials.",
    );
  });
});
