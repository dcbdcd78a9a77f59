import { describe, expect, it, vi } from 'vitest';
import { createGuardedOpener, isAllowedExternalUrl, overrideOrigins } from './open-external';

describe('guarded openExternal', () => {
  it.each([
    'https://login.salesforce.com/services/oauth2/authorize?x=1',
    'https://test.salesforce.com/services/oauth2/authorize?x=1',
    'https://contoso.my.salesforce.com/lightning/setup/Users/home',
    'https://contoso--dev.sandbox.my.salesforce.com/lightning/setup/Users/home',
    'https://contoso-dev-ed.develop.my.salesforce.com/',
    'https://contoso--dev.sandbox.my.salesforce-setup.com/',
    'https://agency.my.salesforce.mil/',
    'https://acme.my.sfcrmproducts.cn/',
    'https://login.sfcrmproducts.cn/services/oauth2/authorize',
  ])('opens %s', (url) => expect(isAllowedExternalUrl(url)).toBe(true));

  it.each([
    'http://login.salesforce.com/',
    'https://salesforce.com.evil.example/',
    'https://evil.example/?next=salesforce.com',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'https://user:pass@login.salesforce.com/',
    'not a url',
    // Customer-hosted Salesforce Sites and Experience Cloud pages are not Salesforce's own.
    'https://evil.secure.force.com/login',
    'https://evil.my.site.com/',
    'https://evil.force.com/',
    'https://help.salesforce.com/',
    'https://my.salesforce.com/',
    'https://-evil.my.salesforce.com/',
    'https://contoso.my.salesforce.com.evil.example/',
    'https://login.salesforce.com./',
    'https://login.salesforce.com:8443/',
    // This computer is never a Salesforce host, in any spelling.
    'https://localhost:4100/',
    'http://localhost:4100/x',
    'http://127.0.0.1:4100/services/oauth2/authorize',
    'http://0x7f.1/',
    'http://0x7f000001/',
    'http://2130706433/',
    'http://127.1/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::1]:4100/',
    // userinfo tricks: the real host is after the @.
    'https://login.salesforce.com@evil.example/',
    'https://login.salesforce.com%40evil.example/',
    'https://login.salesforce.com\\@evil.example/',
    'HTTPS://LOGIN.SALESFORCE.COM/',
  ])('refuses %s', (url) => expect(isAllowedExternalUrl(url)).toBe(false));

  it('opens the exact origin of a profile with the "allow any host" override, and nothing near it', () => {
    const trusted = overrideOrigins([
      { allowAnyHost: true, myDomainUrl: 'http://127.0.0.1:4100' },
      { allowAnyHost: false, myDomainUrl: 'https://other.example' },
      { myDomainUrl: 'https://third.example' },
    ]);
    expect(trusted).toEqual(['http://127.0.0.1:4100']);
    expect(isAllowedExternalUrl('http://127.0.0.1:4100/services/oauth2/authorize', trusted)).toBe(true);
    expect(isAllowedExternalUrl('http://127.0.0.1:4101/', trusted)).toBe(false);
    expect(isAllowedExternalUrl('http://localhost:4100/', trusted)).toBe(false);
    expect(isAllowedExternalUrl('http://0x7f.1:4100/', trusted)).toBe(false);
    expect(isAllowedExternalUrl('http://[::ffff:127.0.0.1]:4100/', trusted)).toBe(false);
    expect(isAllowedExternalUrl('https://other.example/', trusted)).toBe(false);
  });

  it('never launches a refused URL, and launches the parsed href, not the raw string', async () => {
    const launch = vi.fn((_url: string) => Promise.resolve());
    const opener = createGuardedOpener(launch);
    expect(await opener.open('https://evil.example/')).toBe(false);
    expect(await opener.open('http://0x7f.1/')).toBe(false);
    expect(await opener.open('https://login.salesforce.com@evil.example/')).toBe(false);
    expect(await opener.open('https://login.salesforce.com/a b?q=x y')).toBe(true);
    expect(launch).toHaveBeenCalledTimes(1);
    expect(launch).toHaveBeenCalledWith('https://login.salesforce.com/a%20b?q=x%20y');
  });
});
