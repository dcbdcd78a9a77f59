/**
 * Starts one emulated org on two loopback origins: the login origin and the My Domain (instance)
 * origin. See README.md for every endpoint, rule and switch.
 */
import { addClonedAdmin } from './cloned-admin';
import { registerSignInClient, setLoginIpRanges } from './control';
import { Emulator } from './emulator';
import type { SharingDefaults, SignInClient } from './org';
import type { FaultSpec, RequestLogEntry } from './faults';
import { releaseOrgUsernames } from './registry';
import { close, listen } from './server';
import { buildState, type EmulatorState } from './state';
import { DEFAULT_SWITCHES, type EmulatorSwitches } from './switches';
import type { UserRules } from './user-rules-config';

export interface EmulatorOptions {
  /** Login origin port (0 = random). */
  port?: number;
  /** My Domain origin port (0 = random). */
  instancePort?: number;
  /** Added to every Salesforce request (not /__emulator). */
  latencyMs?: number;
  /** After an ECA's global OAuth settings are created, its JWT / client-credentials grants fail until this passes. Default 0 here; the CLI defaults to 120000. */
  activationDelayMs?: number;
  /** Access-token lifetime on the emulator clock (default 7200). */
  accessTokenTtlS?: number;
  /** 'demo' (default) or 'empty' (same org metadata, no sample records). */
  seed?: 'demo' | 'empty';
  /** Org-wide defaults other than the seed's (Account Private, Contact Controlled by Parent, Opportunity Public Read Only, Competitor__c Public Read/Write). */
  sharing?: SharingDefaults;
  /** Added to the default PlatformCLI / http://localhost:1717/OauthRedirect client. */
  signInClients?: { clientId: string; redirectUris: string[]; pkceRequired?: boolean }[];
  /** The admin's profile holds "Use Any API Client" (how an admin gets through API Access Control). */
  adminUsesAnyApiClient?: boolean;
  /** Every unverified behaviour of docs/salesforce.md as a documented switch. */
  switches?: Partial<EmulatorSwitches>;
  /** Keeps each request's query string and body in `requests()` (tests of what a client sends). */
  logBodies?: boolean;
  /** Generates `Bench_Field_0001__c`... on one object (benchmarks with many custom fields). */
  extraCustomFields?: { object: string; count: number };
  /** Required custom User fields (no default) and validation rules on User (facts USER-REQUIRED-FIELDS, USER-VALIDATION-RULES). */
  userRules?: UserRules;
  /** The org already has Microsoft's Sales agent connection (fact MICROSOFT-SALES-AGENT-CONNECTION). */
  microsoftSalesAgent?: boolean;
}

export interface StartedEmulator {
  loginUrl: string;
  instanceUrl: string;
  orgId: string;
  admin: { username: string; password: string; userId: string };
  users: { nonAdmin: { username: string; password: string; userId: string } };
  state(): EmulatorState;
  requests(): RequestLogEntry[];
  clearRequests(): void;
  addFault(f: FaultSpec): string;
  clearFaults(): void;
  reset(): void;
  advanceClock(ms: number): void;
  registerSignInClient(c: SignInClient): void;
  /** A second admin on a cloned System Administrator profile (no "Approve Uninstalled Connected Apps"); returns the user id. */
  addClonedAdmin(credentials: { username: string; password: string }): string;
  setLatency(ms: number): void;
  /** A profile's login IP ranges, by profile id or name (fact AGENT-SIGN-IN-REASONS); none: no restriction. */
  setLoginIpRanges(profile: string, ranges: { start: string; end: string }[]): void;
  stop(): Promise<void>;
}

/** The Salesforce CLI's connected app: not installed in an org by default since August 2025 (fact UNINSTALLED-APP-ACCESS). */
export const PLATFORM_CLI_CLIENT = {
  clientId: 'PlatformCLI',
  redirectUris: ['http://localhost:1717/OauthRedirect'],
  pkceRequired: false,
  installed: false,
};

export async function startEmulator(options: EmulatorOptions = {}): Promise<StartedEmulator> {
  const emu = new Emulator(
    {
      seed: options.seed ?? 'demo',
      sharing: options.sharing ?? {},
      accessTokenTtlS: options.accessTokenTtlS ?? 7200,
      activationDelayMs: options.activationDelayMs ?? 0,
      switches: { ...DEFAULT_SWITCHES, ...options.switches },
      catalog: {
        ...(options.extraCustomFields && { extraCustomFields: options.extraCustomFields }),
        ...(options.userRules?.requiredFields && { requiredUserFields: options.userRules.requiredFields }),
      },
      signInClients: [PLATFORM_CLI_CLIENT, ...(options.signInClients ?? [])],
      adminUsesAnyApiClient: options.adminUsesAnyApiClient ?? false,
      ...(options.userRules && { userRules: options.userRules }),
      ...(options.microsoftSalesAgent && { microsoftSalesAgent: true }),
    },
    options.latencyMs ?? 0,
  );
  emu.logBodies = options.logBodies ?? false;
  const login = await listen(emu, 'login', options.port ?? 0);
  const instance = await listen(emu, 'instance', options.instancePort ?? 0).catch(async (e: unknown) => {
    await close(login.server);
    throw e;
  });
  emu.org.loginUrl = login.url;
  emu.org.instanceUrl = instance.url;
  const seedUsers = (): NonNullable<typeof emu.org.seedUsers> => {
    if (!emu.org.seedUsers) throw new Error('emulator not seeded');
    return emu.org.seedUsers;
  };
  return {
    loginUrl: login.url,
    instanceUrl: instance.url,
    orgId: emu.org.orgId,
    // Getters: reset() re-seeds with new record ids (usernames and passwords stay the same).
    get admin() {
      const s = seedUsers();
      return { username: s.adminUsername, password: s.adminPassword, userId: s.adminId };
    },
    get users() {
      const s = seedUsers();
      return { nonAdmin: { username: s.nonAdminUsername, password: s.nonAdminPassword, userId: s.nonAdminId } };
    },
    state: () => buildState(emu.org),
    requests: () => [...emu.log],
    clearRequests: () => {
      emu.log = [];
    },
    addFault: (f) => emu.faults.add(f),
    clearFaults: () => emu.faults.clear(),
    reset: () => emu.reset(),
    advanceClock: (ms) => emu.advanceClock(ms),
    registerSignInClient: (c) => {
      const err = registerSignInClient(emu, c);
      if (err) throw new Error(err);
    },
    addClonedAdmin: ({ username, password }) => addClonedAdmin(emu.org, username, password),
    setLatency: (ms) => {
      emu.latencyMs = ms;
    },
    setLoginIpRanges: (profile, ranges) => {
      if (!setLoginIpRanges(emu.org, profile, ranges)) throw new Error(`no profile ${profile}`);
    },
    stop: async () => {
      await Promise.all([close(login.server), close(instance.server)]);
      releaseOrgUsernames(emu.org.orgId);
    },
  };
}
