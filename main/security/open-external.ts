import { isAllowedOrgUrl, isSalesforceBrowserHost, type OrgProfile } from '../../common';

/**
 * The only way the app opens a URL in the system browser. URLs are built in main (never taken from
 * the renderer) and must be https on an exact Salesforce host (fact SALESFORCE-HOSTS), or on the
 * origin of an org profile the admin allowed any host for (how the emulator and demo org run).
 * Returns the parsed URL, whose `href` is what gets launched: never the raw string.
 */
export function allowedExternalUrl(raw: string, trustedOrigins: readonly string[] = []): URL | undefined {
  if (!URL.canParse(raw)) return undefined;
  const url = new URL(raw);
  if (url.username || url.password) return undefined;
  // Only an address already written the canonical way: odd spellings of a host (`0x7f.1`,
  // `[::ffff:127.0.0.1]`, upper case, backslashes) may mean something else to the OS launcher.
  if (!raw.startsWith(`${url.origin}/`)) return undefined;
  if (trustedOrigins.includes(url.origin)) return isAllowedOrgUrl(url.origin, true) ? url : undefined;
  return url.protocol === 'https:' && url.port === '' && isSalesforceBrowserHost(url.hostname) ? url : undefined;
}

export function isAllowedExternalUrl(raw: string, trustedOrigins: readonly string[] = []): boolean {
  return allowedExternalUrl(raw, trustedOrigins) !== undefined;
}

/** The origins of profiles the admin (or the app, for the demo org) allowed any host for. */
export function overrideOrigins(profiles: readonly Pick<OrgProfile, 'allowAnyHost' | 'myDomainUrl'>[]): string[] {
  return profiles.flatMap((p) => (p.allowAnyHost === true && p.myDomainUrl ? [p.myDomainUrl] : []));
}

export function createGuardedOpener(
  launch: (url: string) => Promise<void>,
  trustedOrigins: () => readonly string[] = () => [],
): { open(url: string): Promise<boolean> } {
  return {
    async open(raw) {
      const url = allowedExternalUrl(raw, trustedOrigins());
      if (!url) return false;
      await launch(url.href);
      return true;
    },
  };
}
