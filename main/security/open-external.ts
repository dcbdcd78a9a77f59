/**
 * The only way the app opens a URL in the system browser. URLs are built in main (never taken from
 * the renderer) and must be https on a Salesforce host or on the signed-in org's own host; plain
 * http is accepted only for loopback hosts, which is how the emulator and demo org run.
 */
const salesforceHostSuffixes = ['.salesforce.com', '.force.com', '.salesforce-setup.com', '.sfcrmapps.cn'];

export function isAllowedExternalUrl(raw: string, extraHosts: readonly string[] = []): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  const host = url.hostname.toLowerCase();
  const loopback = host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
  if (url.protocol === 'http:') return loopback;
  if (url.protocol !== 'https:') return false;
  return (
    loopback ||
    extraHosts.map((h) => h.toLowerCase()).includes(host) ||
    salesforceHostSuffixes.some((suffix) => host.endsWith(suffix))
  );
}

export function createGuardedOpener(
  launch: (url: string) => Promise<void>,
  extraHosts: () => readonly string[] = () => [],
): { open(url: string): Promise<boolean> } {
  return {
    async open(url) {
      if (!isAllowedExternalUrl(url, extraHosts())) return false;
      await launch(url);
      return true;
    },
  };
}
