/*
 * Which hosts the app signs in at, exchanges tokens with and opens in the browser (fact
 * SALESFORCE-HOSTS). Anything else needs the org profile's visible "allow any host" override.
 * Free of zod: the renderer and the openExternal guard both use it.
 */

/** The shared login hosts: commercial cloud, and Salesforce on Alibaba Cloud (China). */
export const salesforceLoginHosts = [
  'login.salesforce.com',
  'test.salesforce.com',
  'login.sfcrmproducts.cn',
  'test.sfcrmproducts.cn',
] as const;

/**
 * My Domain login hosts: commercial (also `--x.sandbox.`, `.develop.`, `.scratch.` and other
 * partitions under `my.salesforce.com`), Government Cloud Plus, and Salesforce on Alibaba Cloud.
 */
export const myDomainHostSuffixes = ['.my.salesforce.com', '.my.salesforce.mil', '.my.sfcrmproducts.cn'] as const;

/** Setup pages may be served from the org's setup domain; only ever opened in the browser. */
const setupHostSuffixes = ['.my.salesforce-setup.com'] as const;

// A My Domain name is DNS labels: letters, digits and hyphens, never empty or starting with a hyphen.
const labels = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+$/;

function underSuffix(host: string, suffixes: readonly string[]): boolean {
  return suffixes.some((suffix) => host.endsWith(suffix) && labels.test(host.slice(0, -suffix.length + 1)));
}

/** A host Salesforce itself runs sign-in and the REST API on. Takes a URL's (already lower-cased) hostname. */
export function isSalesforceLoginHost(hostname: string): boolean {
  return (salesforceLoginHosts as readonly string[]).includes(hostname) || underSuffix(hostname, myDomainHostSuffixes);
}

/** Login hosts plus the setup domain: what a link the app opens may point at. */
export function isSalesforceBrowserHost(hostname: string): boolean {
  return isSalesforceLoginHost(hostname) || underSuffix(hostname, setupHostSuffixes);
}

/** The loopback spellings the emulator and demo org use; other spellings of 127.0.0.1 are refused. */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';
}

/**
 * May an org profile sign in at (and send tokens to) this address? Salesforce hosts over https on
 * the default port; with the profile's override any https host, or plain http on this computer.
 */
export function isAllowedOrgUrl(raw: string, allowAnyHost: boolean): boolean {
  if (!URL.canParse(raw)) return false;
  const url = new URL(raw);
  if (url.username || url.password) return false;
  if (allowAnyHost) return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
  return url.protocol === 'https:' && url.port === '' && isSalesforceLoginHost(url.hostname);
}
