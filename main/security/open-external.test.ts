import { describe, expect, it, vi } from 'vitest';
import { createGuardedOpener, isAllowedExternalUrl } from './open-external';

describe('guarded openExternal', () => {
  it.each([
    'https://login.salesforce.com/services/oauth2/authorize?x=1',
    'https://contoso.my.salesforce.com/lightning/setup/Users/home',
    'https://contoso--dev.sandbox.my.salesforce-setup.com/',
    'http://127.0.0.1:4100/services/oauth2/authorize',
    'http://localhost:4100/x',
  ])('opens %s', (url) => expect(isAllowedExternalUrl(url)).toBe(true));

  it.each([
    'http://login.salesforce.com/',
    'https://salesforce.com.evil.example/',
    'https://evil.example/?next=salesforce.com',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'https://user:pass@login.salesforce.com/',
    'not a url',
  ])('refuses %s', (url) => expect(isAllowedExternalUrl(url)).toBe(false));

  it('never launches a refused URL', async () => {
    const launch = vi.fn(() => Promise.resolve());
    const opener = createGuardedOpener(launch);
    expect(await opener.open('https://evil.example/')).toBe(false);
    expect(await opener.open('https://login.salesforce.com/')).toBe(true);
    expect(launch).toHaveBeenCalledTimes(1);
  });
});
