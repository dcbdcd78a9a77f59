/**
 * One emulated org: records, metadata components, OAuth state and the emulator clock.
 * Route modules read and change it; `reset()` goes back to the seed.
 */
import { buildCatalog, type CatalogOptions } from './catalog';
import { syncGroupPermissionSets } from './groups';
import { newId } from './ids';
import { releaseOrgUsernames } from './registry';
import { RecordStore, sfDateTime, str, type SRecord } from './store';
import type { EmulatorSwitches } from './switches';
import type { UserRules } from './user-rules-config';

export type MdValue = string | MdObject | MdValue[];
export interface MdObject {
  [key: string]: MdValue;
}

export interface MdComponent {
  type: string;
  fullName: string;
  id: string;
  fields: MdObject;
  createdAt: number;
  modifiedAt: number;
}

export interface SignInClient {
  clientId: string;
  redirectUris: string[];
  pkceRequired?: boolean;
  /** false: a connected app not installed in the org (PlatformCLI by default, fact UNINSTALLED-APP-ACCESS). */
  installed?: boolean;
  /**
   * How this org refuses the client (fact AUTHORIZE-ERROR-PAGE): not installed ("app must be installed
   * into org", e.g. an uninstalled app under API Access Control), blocked by an admin, or the user not approved.
   */
  refusal?: 'notInstalled' | 'blocked' | 'accessDenied';
}

export interface AccessTokenInfo {
  token: string;
  userId: string;
  clientId: string;
  scope: string;
  issuedAt: number;
  expiresAt: number;
  refreshToken?: string;
  /** ECA header fullName when issued to an External Client App (deleting the app kills its tokens). */
  appFullName?: string;
  revoked: boolean;
}

export interface RefreshTokenInfo {
  token: string;
  userId: string;
  clientId: string;
  scope: string;
  appFullName?: string;
  revoked: boolean;
}

export interface AuthCodeInfo {
  code: string;
  clientId: string;
  redirectUri: string;
  challenge?: string;
  userId: string;
  scope: string;
  expiresAt: number;
  used: boolean;
}

/** An object's org-wide default for internal users, as EntityDefinition.InternalSharingModel names it (fact OWD-SOURCES). */
export type SharingModel = 'Private' | 'Read' | 'ReadWrite' | 'ControlledByParent';
/** Org-wide defaults that differ from the seed's, per object (standard objects on Organization, custom ones on EntityDefinition). */
export type SharingDefaults = Partial<Record<string, SharingModel>>;

export interface OrgConfig {
  seed: 'demo' | 'empty';
  sharing: SharingDefaults;
  accessTokenTtlS: number;
  activationDelayMs: number;
  switches: EmulatorSwitches;
  catalog: CatalogOptions;
  signInClients: SignInClient[];
  /** The System Administrator profile holds "Use Any API Client", as orgs under API Access Control give their admins. */
  adminUsesAnyApiClient?: boolean;
  /** Required custom User fields and validation rules on User (fact USER-VALIDATION-RULES). */
  userRules?: UserRules;
  /** Seeds Microsoft's own Sales agent connection (fact MICROSOFT-SALES-AGENT-CONNECTION). */
  microsoftSalesAgent?: boolean;
}

export interface SeedUsers {
  adminId: string;
  adminUsername: string;
  adminPassword: string;
  nonAdminId: string;
  nonAdminUsername: string;
  nonAdminPassword: string;
}

export class Org {
  readonly orgId = newId('00D');
  store: RecordStore;
  metadata = new Map<string, Map<string, MdComponent>>();
  accessTokens = new Map<string, AccessTokenInfo>();
  refreshTokens = new Map<string, RefreshTokenInfo>();
  codes = new Map<string, AuthCodeInfo>();
  /** Login-page sessions (cookie `sid`) -> user id. */
  sessions = new Map<string, string>();
  passwords = new Map<string, string>();
  /** Fact AGENT-SIGN-IN-REASONS: a profile's login IP ranges (Setup > Profiles > Login IP Ranges), by profile id. */
  loginIpRanges = new Map<string, { start: string; end: string }[]>();
  signInClients: SignInClient[];
  clockOffset = 0;
  loginUrl = '';
  instanceUrl = '';
  seedUsers: SeedUsers | undefined;
  apiRequestCount = 0;

  constructor(readonly config: OrgConfig) {
    this.store = new RecordStore(buildCatalog(config.catalog));
    this.signInClients = [...config.signInClients];
  }

  get switches(): EmulatorSwitches {
    return this.config.switches;
  }

  /** Emulator clock: real time plus whatever tests advanced it by. */
  now(): number {
    return Date.now() + this.clockOffset;
  }

  nowIso(): string {
    return sfDateTime(this.now());
  }

  /** Discards all state; the caller re-seeds. */
  clear(): void {
    releaseOrgUsernames(this.orgId);
    this.store = new RecordStore(buildCatalog(this.config.catalog));
    this.metadata.clear();
    this.accessTokens.clear();
    this.refreshTokens.clear();
    this.codes.clear();
    this.sessions.clear();
    this.passwords.clear();
    this.loginIpRanges.clear();
    this.signInClients = [...this.config.signInClients];
    this.clockOffset = 0;
    this.apiRequestCount = 0;
  }

  components(type: string): Map<string, MdComponent> {
    let m = this.metadata.get(type);
    if (!m) {
      m = new Map();
      this.metadata.set(type, m);
    }
    return m;
  }

  component(type: string, fullName: string): MdComponent | undefined {
    return this.components(type).get(fullName.toLowerCase());
  }

  user(id: string): SRecord | undefined {
    return this.store.get('User', id);
  }

  userByUsername(username: string): SRecord | undefined {
    const lower = username.toLowerCase();
    return this.store.all('User').find((u) => str(u.Username)?.toLowerCase() === lower);
  }

  profileOf(user: SRecord): SRecord | undefined {
    const pid = str(user.ProfileId);
    return pid ? this.store.get('Profile', pid) : undefined;
  }

  licenseOf(user: SRecord): SRecord | undefined {
    const licenseId = str(this.profileOf(user)?.UserLicenseId);
    return licenseId ? this.store.get('UserLicense', licenseId) : undefined;
  }

  /** Recomputes fields Salesforce derives: names and licence usage (fact INTEGRATION-SEATS: deactivation frees a seat). */
  refreshDerived(): void {
    syncGroupPermissionSets(this);
    this.syncProfileAssignments();
    this.syncUserLogins();
    for (const obj of ['User', 'Contact', 'Lead']) {
      for (const r of this.store.all(obj)) r.Name = [str(r.FirstName), str(r.LastName)].filter(Boolean).join(' ');
    }
    const usedByLicense = new Map<string, number>();
    for (const u of this.store.all('User')) {
      if (u.IsActive !== true) continue;
      const lid = str(this.profileOf(u)?.UserLicenseId);
      if (lid) usedByLicense.set(lid, (usedByLicense.get(lid) ?? 0) + 1);
    }
    for (const lic of this.store.all('UserLicense')) lic.UsedLicenses = usedByLicense.get(str(lic.Id) ?? '') ?? 0;
    for (const psl of this.store.all('PermissionSetLicense')) {
      psl.UsedLicenses = this.store.where('PermissionSetLicenseAssign', (a) => a.PermissionSetLicenseId === psl.Id).length;
    }
  }

  /** Salesforce keeps one UserLogin per user (not frozen, not locked when made). */
  private syncUserLogins(): void {
    const have = new Set(this.store.all('UserLogin').map((l) => str(l.UserId)));
    for (const u of this.store.all('User')) {
      if (have.has(str(u.Id))) continue;
      const now = this.nowIso();
      this.store.put('UserLogin', {
        Id: newId('060'),
        UserId: u.Id ?? null,
        IsFrozen: false,
        IsPasswordLocked: false,
        CreatedDate: now,
        CreatedById: u.Id ?? null,
        LastModifiedDate: now,
        LastModifiedById: u.Id ?? null,
        SystemModstamp: now,
      });
    }
  }

  /** Salesforce keeps a PermissionSetAssignment from every user to their profile's owned permission set. */
  private syncProfileAssignments(): void {
    const owned = new Map(
      this.store.where('PermissionSet', (p) => p.IsOwnedByProfile === true).map((p) => [str(p.ProfileId) ?? '', str(p.Id) ?? '']),
    );
    const ownedIds = new Set(owned.values());
    const existing = this.store.where('PermissionSetAssignment', (a) => ownedIds.has(str(a.PermissionSetId) ?? ''));
    for (const a of existing) {
      const user = this.user(str(a.AssigneeId) ?? '');
      if (!user || owned.get(str(user.ProfileId) ?? '') !== a.PermissionSetId) this.store.remove('PermissionSetAssignment', String(a.Id));
    }
    for (const u of this.store.all('User')) {
      const psId = owned.get(str(u.ProfileId) ?? '');
      if (!psId || existing.some((a) => a.AssigneeId === u.Id && a.PermissionSetId === psId)) continue;
      const now = this.nowIso();
      this.store.put('PermissionSetAssignment', {
        Id: newId('0Pa'),
        AssigneeId: u.Id ?? null,
        PermissionSetId: psId,
        PermissionSetGroupId: null,
        ExpirationDate: null,
        IsActive: true,
        CreatedDate: now,
        CreatedById: u.Id ?? null,
        LastModifiedDate: now,
        LastModifiedById: u.Id ?? null,
        SystemModstamp: now,
      });
    }
  }

  activeTokenCount(): number {
    const now = this.now();
    let n = 0;
    for (const t of this.accessTokens.values()) if (!t.revoked && t.expiresAt > now) n++;
    return n;
  }
}
