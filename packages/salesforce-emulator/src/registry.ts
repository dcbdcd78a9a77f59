/**
 * Usernames are unique across every Salesforce org and stay reserved after deactivation (fact USER-USERNAME), so the
 * registry is module-level: every emulator started in this process shares it.
 */
const usernames = new Map<string, string>(); // lower-case username -> orgId

export function isUsernameTaken(username: string): boolean {
  return usernames.has(username.toLowerCase());
}

export function reserveUsername(username: string, orgId: string): void {
  usernames.set(username.toLowerCase(), orgId);
}

/** Frees every username of an org (reset/stop: the org's history is discarded with it). */
export function releaseOrgUsernames(orgId: string): void {
  for (const [name, owner] of usernames) if (owner === orgId) usernames.delete(name);
}

/** First free variant of `local@domain`: `local@domain`, `local+2@domain`, ... (several demo orgs in one process). */
export function firstFreeUsername(base: string): string {
  if (!isUsernameTaken(base)) return base;
  const at = base.indexOf('@');
  for (let n = 2; ; n++) {
    const candidate = `${base.slice(0, at)}+${n}${base.slice(at)}`;
    if (!isUsernameTaken(candidate)) return candidate;
  }
}
