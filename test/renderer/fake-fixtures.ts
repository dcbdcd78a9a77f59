import {
  defaultAccessProfile,
  defaultSettings,
  enableStepIds,
  removalStepIds,
  type AppInfo,
  type AuditEntry,
  type AuthStatus,
  type ConnectionDetails,
  type ConnectionState,
  type DescribedField,
  type DescribedObject,
  type HealthReport,
  type Identity,
  type PlannedRunKind,
  type PreflightReport,
  type RunKind,
  type RunPlan,
  type RunProgress,
  type Settings,
  type StepId,
  type StepProgress,
  type VisibilityReport,
  type VisibilitySample,
} from '../../common';

/** Example data for the fake API: a believable org, so component tests read like the real screens. */
const started = '2026-11-23T10:00:00.000Z';
const orgId = '00D5g000004XyZaEAK';

export const appInfo: AppInfo = { name: 'Agent Connections', version: '0.1.0', platform: 'linux', locale: 'en-US', host: 'desktop' };

export const productionProfile = {
  id: 'prod',
  name: 'Acme production',
  environment: 'production',
  clientId: 'PlatformCLI',
  callbackPort: 1717,
} as const satisfies Settings['orgProfiles'][number];

export const settings: Settings = { ...defaultSettings, orgProfiles: [productionProfile], activeProfileId: 'prod' };

export const identity: Identity = {
  orgId,
  orgName: 'Acme Corporation',
  userId: '0055g00000AbCdEAAV',
  userName: 'Ada Admin',
  username: 'ada@acme.example',
  instanceUrl: 'https://acme.my.salesforce.com',
  environment: 'production',
};

export const auth = {
  signedOut: { state: 'signedOut', profileId: 'prod' },
  signingIn: {
    state: 'signingIn',
    profileId: 'prod',
    authorizeUrl: 'https://login.salesforce.com/services/oauth2/authorize?client_id=PlatformCLI',
    expiresAt: '2026-11-23T10:05:00.000Z',
  },
  signedIn: { state: 'signedIn', profileId: 'prod', identity, permissions: { ok: true, missing: [] }, sessionStorage: 'encrypted' },
  missingRights: {
    state: 'signedIn',
    profileId: 'prod',
    identity,
    permissions: { ok: false, missing: ['Manage Users', 'Customize Application'] },
    sessionStorage: 'encrypted',
  },
  expired: { state: 'expired', profileId: 'prod', identity },
} satisfies Record<string, AuthStatus>;

export const details: ConnectionDetails = {
  org: {
    id: orgId,
    name: 'Acme Corporation',
    environment: 'production',
    myDomainUrl: 'https://acme.my.salesforce.com',
    audience: 'https://login.salesforce.com',
  },
  app: {
    label: 'Sales Agent external client app',
    apiName: 'Sales_Agent_external_client_app',
    consumerKey: '3MVG9fakeConsumerKeyForTests',
    createdAt: started,
    setupUrl: 'https://acme.my.salesforce.com/lightning/setup/ManageExternalClientApplication/home',
  },
  user: {
    id: '0055g00000IntUsrAAA',
    name: 'Sales Agent integration user',
    username: 'sales-agent.integration@acme.example',
    active: true,
    licence: 'Salesforce Integration',
    profile: 'Salesforce API Only System Integrations',
    setupUrl: 'https://acme.my.salesforce.com/lightning/setup/ManageUsers/home',
  },
  permissionSet: {
    id: '0PS5g000000PermAAA',
    label: 'Sales Agent permission set',
    apiName: 'Sales_Agent_permission_set',
    setupUrl: 'https://acme.my.salesforce.com/lightning/setup/PermSets/home',
  },
  grants: [
    { object: 'Account', field: null, read: true, edit: false, viewAllRecords: false, viaFieldPermission: false },
    { object: 'Contact', field: null, read: true, edit: false, viewAllRecords: false, viaFieldPermission: false },
    { object: 'Contact', field: 'Email', read: true, edit: false, viewAllRecords: false, viaFieldPermission: true },
    { object: 'Lead', field: null, read: true, edit: false, viewAllRecords: false, viaFieldPermission: false },
    { object: 'Lead', field: 'Rating', read: true, edit: false, viewAllRecords: false, viaFieldPermission: true },
  ],
  createdBy: 'ada@acme.example',
  createdAt: started,
  lastVerifiedAt: '2026-11-23T10:06:00.000Z',
};

/** A run whose steps before `current` are done, `current` is in `currentState` and the rest pending. */
export function runAt(kind: RunKind, current: StepId, currentState: StepProgress['state'] = 'running'): RunProgress {
  const ids: readonly StepId[] = kind === 'disable' || kind === 'rollback' ? removalStepIds : enableStepIds;
  const at = ids.indexOf(current);
  const steps = ids.map((id, index): StepProgress => {
    if (index < at) return { id, state: 'done', startedAt: started, finishedAt: started };
    if (index === at) return { id, state: currentState, startedAt: started };
    return { id, state: 'pending' };
  });
  return { kind, startedAt: started, steps };
}

// As main sends it: English text for the CLI, and the finding, fix and values the screens translate.
const failedPreflight: PreflightReport = {
  ok: false,
  checks: [
    { id: 'adminRights', ok: true, severity: 'info', message: 'You have the admin rights the connection needs.', finding: 'adminRightsOk' },
    {
      id: 'integrationLicence',
      ok: false,
      severity: 'blocker',
      message: 'No Salesforce Integration licences left (5 of 5 used).',
      finding: 'licencesUsedUp',
      params: { used: 5, total: 5 },
      fix: 'Deactivate an integration user you no longer need, or buy more licences (Setup > Company Information).',
      fixKey: 'licencesUsedUp',
    },
    {
      id: 'leftovers',
      ok: false,
      severity: 'warning',
      message:
        'Found from an earlier attempt for "Sales Agent": permission set Sales_Agent_Access. They will be reused or replaced, not duplicated.',
      finding: 'leftoversFound',
      params: { agent: 'Sales Agent', items: 'permission set Sales_Agent_Access' },
    },
  ],
};

export const connection = {
  off: { status: 'off', orgId: null },
  preflightFailed: {
    status: 'off',
    orgId,
    preflight: failedPreflight,
    error: { code: 'PREFLIGHT_FAILED', message: 'Pre-flight checks found problems. Nothing was created.' },
  },
  provisioning: { status: 'running', orgId, run: runAt('enable', 'accessGrants') },
  activating: {
    status: 'running',
    orgId,
    run: {
      ...runAt('enable', 'activation'),
      activation: {
        attempt: 3,
        nextAttemptAt: '2026-11-23T10:03:30.000Z',
        deadlineAt: '2026-11-23T10:32:00.000Z',
        waitingSince: '2026-11-23T10:02:00.000Z',
      },
    },
  },
  connected: { status: 'connected', orgId, details },
  /** After Reconnect: the agent's file is of the earlier app until the credentials are exported again. */
  handOverOwed: {
    status: 'connected',
    orgId,
    details,
    handOver: { reason: 'newApp', since: '2026-11-24T09:30:00.000Z', lastExportedAt: '2026-11-23T10:40:00.000Z' },
  },
  drift: {
    status: 'drift',
    orgId,
    details,
    drift: { missingFields: ['Lead.Score__c', 'Account.Region__c'], missingObjects: [], brokenArtifacts: [], extraGrants: [] },
    error: {
      code: 'CONNECTION_DRIFT',
      message: 'The agent needs fields the connection does not grant. Recreate the connection or update its access.',
      action: 'recreate',
    },
  },
  error: {
    status: 'error',
    orgId,
    details,
    drift: { missingFields: [], missingObjects: [], brokenArtifacts: ['integrationUser'], extraGrants: [] },
    error: { code: 'CONNECTION_BROKEN', message: 'The integration user is missing or inactive.', action: 'reconnect' },
  },
  sessionEnded: {
    status: 'error',
    orgId,
    details,
    error: { code: 'SESSION_EXPIRED', message: 'Your Salesforce session ended.', action: 'signIn' },
  },
  interrupted: { status: 'interrupted', orgId, run: runAt('enable', 'integrationUser', 'failed') },
  waiting: {
    status: 'waiting',
    orgId,
    waiting: { since: '2026-11-23T10:02:00.000Z', until: '2026-11-23T10:32:00.000Z' },
    error: {
      code: 'ACTIVATION_TIMEOUT',
      message:
        "Salesforce has not accepted the agent's sign-in yet, 30 minutes after the app was created (last answer: client identifier invalid). Everything is kept: keep waiting, or roll back.",
      action: 'resume',
      params: { minutes: 30, detail: 'invalid_client_id: client identifier invalid' },
    },
  },
  removing: { status: 'running', orgId, details, run: runAt('disable', 'deactivateUser') },
} satisfies Record<string, ConnectionState>;

export const health: HealthReport = {
  checkedAt: '2026-11-23T10:10:00.000Z',
  status: 'connected',
  drift: { missingFields: [], missingObjects: [], brokenArtifacts: [], extraGrants: [] },
  agentTokenOk: true,
};

export const describedObjects: DescribedObject[] = [
  { name: 'Account', label: 'Account', custom: false },
  { name: 'Contact', label: 'Contact', custom: false },
  { name: 'Lead', label: 'Lead', custom: false },
  { name: 'Opportunity', label: 'Opportunity', custom: false },
  { name: 'Product2', label: 'Product', custom: false },
  { name: 'Task', label: 'Task', custom: false },
  { name: 'Event', label: 'Event', custom: false },
  { name: 'Invoice__c', label: 'Invoice', custom: true },
];

const field = (name: string, label: string, custom = false, permissionable = true): DescribedField => ({
  name,
  label,
  type: 'string',
  custom,
  permissionable,
});

export const describedFields: Record<string, DescribedField[]> = {
  Lead: [
    field('Id', 'Lead ID', false, false),
    field('Name', 'Full Name', false, false),
    field('Email', 'Email'),
    field('Title', 'Title'),
    field('Description', 'Description'),
    field('LeadSource', 'Lead Source'),
    field('Rating', 'Rating'),
    field('Phone', 'Phone'),
    field('Score__c', 'Score', true),
  ],
  Account: [field('Id', 'Account ID', false, false), field('Name', 'Account Name', false, false), field('Region__c', 'Region', true)],
  Invoice__c: [field('Id', 'Record ID', false, false), field('Amount__c', 'Amount', true)],
};

export const auditEntries: AuditEntry[] = [
  {
    id: 'a1',
    at: '2026-11-23T10:06:00.000Z',
    actor: 'ada@acme.example',
    orgId,
    operation: 'connection.enable',
    result: 'success',
    summary: 'Turned on access for Sales Agent.',
    artifacts: ['0PS5g000000PermAAA'],
  },
  {
    id: 'a2',
    at: '2026-11-23T09:00:00.000Z',
    actor: 'ada@acme.example',
    orgId: null,
    operation: 'auth.signIn',
    result: 'failure',
    summary: 'Sign-in cancelled.',
    artifacts: [],
  },
];

export const accessProfile = defaultAccessProfile;

/** The demo org right after Enable: Account is Private, so the agent sees none of them (fact OWD-SOURCES). */
export const visibility: VisibilityReport = {
  checkedAt: '2026-03-01T10:00:00.000Z',
  objects: [
    {
      object: 'Account',
      agentCanSee: 0,
      adminCanSee: 5,
      reason: 'private',
      sharingModel: 'None',
      fix: 'viewAllRecords',
      readableFields: [],
      unreadableFields: [],
      message: 'The agent sees 0 of 5 Account records.',
    },
    {
      object: 'Opportunity',
      agentCanSee: 5,
      adminCanSee: 5,
      reason: 'public',
      sharingModel: 'Read',
      fix: 'none',
      readableFields: ['Amount'],
      unreadableFields: ['Forecast_Notes__c'],
      message: 'The agent sees 5 of 5 Opportunity records.',
    },
  ],
};

export const visibilitySample: VisibilitySample = {
  object: 'Opportunity',
  fields: ['Id', 'Amount'],
  records: [{ Id: '006000000000001AAA', Amount: 25000 }],
};

/** The review of one run as main would compute it for the fixtures' org (a Turn on, or a removal). */
export function plan(kind: PlannedRunKind): RunPlan {
  const removing = kind === 'disable' || kind === 'rollback';
  const replacing = kind === 'recreate' || kind === 'reconnect';
  return {
    id: `plan-${kind}-${Date.now()}`,
    kind,
    createdAt: '2025-01-01T10:00:00.000Z',
    expiresAt: '2099-01-01T10:10:00.000Z',
    fingerprint: 'fake',
    orgId: identity.orgId,
    agentName: 'Sales Agent',
    artifacts: [
      {
        part: 'app',
        action: removing ? 'remove' : replacing ? 'replace' : 'create',
        name: 'Sales Agent external client app',
        apiName: 'Sales_Agent_ECA',
      },
      { part: 'user', action: removing ? 'deactivate' : 'create', name: 'sales-agent.4f9a2c@00d000000000001.agent-connections.invalid' },
      {
        part: 'permissionSet',
        action: removing ? 'remove' : replacing ? 'replace' : 'create',
        name: 'Sales Agent permission set',
        apiName: 'Sales_Agent_Permission_Set',
      },
    ],
    licences: removing
      ? [{ licence: 'integrationUser', name: 'Salesforce Integration user licence', change: 'free', available: 4 }]
      : [{ licence: 'integrationUser', name: 'Salesforce Integration user licence', change: 'use', available: 4 }],
    access:
      kind === 'updateAccess'
        ? [
            {
              object: 'Account',
              field: null,
              before: { read: true, edit: false, viewAllRecords: false },
              after: { read: true, edit: false, viewAllRecords: true },
              widens: true,
            },
            {
              object: 'Contact',
              field: 'Department',
              before: { read: true, edit: false, viewAllRecords: false },
              after: null,
              widens: false,
              byHand: true,
            },
          ]
        : [],
    oauth:
      removing || kind === 'updateAccess'
        ? null
        : {
            scopes: ['api'],
            flow: 'jwtBearer',
            preAuthorisedPermissionSet: 'Sales_Agent_Permission_Set',
            ipPolicy: 'Enforce',
            certificateValidDays: 365,
            certificateValidUntil: '2026-01-01T10:00:00.000Z',
          },
    consequences: removing
      ? ['agentStops', 'userDeactivatedNotDeleted']
      : replacing
        ? ['consumerKeyChanges', 'reexportCredentials', 'agentOffline']
        : kind === 'updateAccess'
          ? ['accessWidens']
          : ['waitForSalesforce'],
    summary: [],
  };
}
