/**
 * A second admin whose profile is a clone of System Administrator: every admin right, but not
 * "Approve Uninstalled Connected Apps", which Salesforce gives the standard profile only (fact
 * UNINSTALLED-APP-ACCESS). Tests and the CLI add one to show what such an admin runs into.
 */
import type { Org } from './org';
import { reserveUsername } from './registry';
import { CLONED_ADMIN_PERMS, seedProfile, seedRecord } from './seed';
import { str } from './store';

export const CLONED_ADMIN_PROFILE = 'Custom: System Administrator';

export function addClonedAdmin(org: Org, username: string, password: string): string {
  const salesforce = org.store.all('UserLicense').find((l) => l.Name === 'Salesforce');
  const existing = org.store.all('Profile').find((p) => p.Name === CLONED_ADMIN_PROFILE);
  const profileId =
    str(existing?.Id) ??
    seedProfile(
      org,
      { name: CLONED_ADMIN_PROFILE, license: 'Salesforce', userType: 'Standard', perms: CLONED_ADMIN_PERMS },
      str(salesforce?.Id) ?? '',
    );
  const local = username.split('@')[0] ?? 'admin';
  const user = seedRecord(org, 'User', {
    Username: username,
    FirstName: 'Alex',
    LastName: 'Cloned-Admin',
    Email: `${local}@contoso.example`,
    Alias: local.slice(0, 8),
    CommunityNickname: `${local}.${org.orgId.slice(-6)}`,
    ProfileId: profileId,
    TimeZoneSidKey: 'America/Los_Angeles',
    LocaleSidKey: 'en_US',
    EmailEncodingKey: 'UTF-8',
    LanguageLocaleKey: 'en_US',
    IsActive: true,
    UserType: 'Standard',
    CompanyName: 'Contoso',
  });
  reserveUsername(username, org.orgId);
  org.passwords.set(String(user.Id), password);
  org.refreshDerived();
  return String(user.Id);
}
