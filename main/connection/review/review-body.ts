import type { PermissionChange, PlanArtifact, PlanConsequence, PlanLicence, PlanOAuth, RunKind, RunPlan } from '../../../common';
import type { Artifacts } from '../steps/results';
import { API_INTEGRATION_PSL, INTEGRATION_LICENCE, type OrgSnapshot } from '../org/discovery';
import { integrationUsername, type ArtifactNames } from '../org/names';
import { describeChanges } from './access-changes';
import { notInOrgText } from '../org/preflight';
import { repairBody, whyRebuildText } from './repair-plan';

/** What the plan of one kind is made from: the org as discovered now, the connection record, the desired access. */
export interface PlanInputs {
  kind: RunKind;
  /** For Resume and Roll back: the journaled run's kind. */
  of?: RunKind;
  names: ArtifactNames;
  orgId: string;
  snapshot: OrgSnapshot;
  /** The connection's artifacts as recorded (or as the journal has them for Roll back). */
  artifacts: Artifacts;
  /** An earlier integration user of ours that a rebuild brings back. */
  retiredUser: { id: string; username: string } | null;
  access: PermissionChange[];
  now: Date;
  /** The certificate's lifetime (setting certificateLifetimeDays). */
  certificateDays: number;
  /** The random part of a new integration username, decided now so the plan names the user exactly. */
  usernameSuffix: string;
  /** What the last check found broken (Repair plans from it; its run looks again). */
  broken: readonly string[];
}

type Body = Pick<RunPlan, 'artifacts' | 'licences' | 'oauth' | 'consequences' | 'userDefaults'>;

const seatsLeft = (seats: { total: number; used: number } | null): number | null => (seats ? Math.max(0, seats.total - seats.used) : null);

function licences(inputs: PlanInputs, change: PlanLicence['change']): PlanLicence[] {
  return [
    {
      licence: 'integrationUser',
      name: `${INTEGRATION_LICENCE} user licence`,
      change,
      available: seatsLeft(inputs.snapshot.integrationLicence),
    },
    {
      licence: 'apiIntegration',
      name: `${API_INTEGRATION_PSL} permission set licence`,
      change,
      available: seatsLeft(inputs.snapshot.apiPsl),
    },
  ];
}

/** The user a build brings back (never a duplicate), or the exact username of the new one. */
function plannedUser(inputs: PlanInputs): { action: PlanArtifact['action']; name: string } {
  const recorded = inputs.artifacts.integrationUser?.username;
  const known = inputs.snapshot.users.find((u) => u.active) ?? inputs.snapshot.users[0];
  const earlier = known ?? inputs.retiredUser ?? (recorded ? { username: recorded, active: false } : null);
  if (earlier) return { action: 'active' in earlier && earlier.active ? 'reuse' : 'reactivate', name: earlier.username };
  return { action: 'create', name: integrationUsername(inputs.names.agentName, inputs.orgId, inputs.usernameSuffix) };
}

/** As main/connection/steps/external-client-app.ts writes them: scope api, pre-authorised by the permission set, IP enforced. */
export function oauthSettings(names: ArtifactNames, now: Date, days: number): PlanOAuth {
  const until = new Date(now.getTime() + days * 24 * 60 * 60 * 1000);
  return {
    scopes: ['api'],
    flow: 'jwtBearer',
    preAuthorisedPermissionSet: names.permissionSetApiName,
    ipPolicy: 'Enforce',
    certificateValidDays: days,
    certificateValidUntil: until.toISOString(),
  };
}

function buildBody(inputs: PlanInputs, replacing: boolean): Body {
  const { names } = inputs;
  const user = plannedUser(inputs);
  const ps = inputs.snapshot.permissionSet;
  const found = present(inputs);
  // A rebuild replaces only what is there; what is gone it creates (never "delete" what does not exist).
  const rebuilt = (exists: boolean): PlanArtifact['action'] => (replacing && exists ? 'replace' : 'create');
  const artifacts: PlanArtifact[] = [
    {
      part: 'permissionSet',
      action: replacing ? rebuilt(ps !== null) : ps ? 'reuse' : 'create',
      name: names.permissionSetLabel,
      apiName: names.permissionSetApiName,
    },
    { part: 'user', action: user.action, name: user.name },
    { part: 'licence', action: 'create', name: API_INTEGRATION_PSL },
    { part: 'assignment', action: 'create', name: names.permissionSetLabel },
    { part: 'key', action: rebuilt(found.key), name: `${names.appLabel} certificate` },
    { part: 'app', action: rebuilt(found.app), name: names.appLabel, apiName: names.appApiName },
  ];
  const consequences: PlanConsequence[] = replacing
    ? ['consumerKeyChanges', 'reexportCredentials', 'agentOffline', 'waitForSalesforce']
    : ['waitForSalesforce'];
  // A reused or reactivated user keeps its own settings; only a new one takes the org's defaults (fact USER-DEFAULTS).
  const userDefaults = user.action === 'create' ? { userDefaults: inputs.snapshot.userDefaults } : {};
  return {
    artifacts,
    licences: licences(inputs, replacing ? 'keep' : 'use'),
    oauth: oauthSettings(names, inputs.now, inputs.certificateDays),
    consequences,
    ...userDefaults,
  };
}

/** Which parts are there to remove or replace: in the org as discovered now, the key on this computer's record. */
function present(inputs: PlanInputs): Record<PlanArtifact['part'], boolean> {
  const { snapshot, artifacts: a } = inputs;
  const user = snapshot.users.some((u) => u.active) || (snapshot.users.length === 0 && a.integrationUser !== undefined);
  const permissionSet = snapshot.permissionSet !== null;
  return {
    app: snapshot.app !== null && snapshot.app !== 'unavailable',
    user,
    permissionSet,
    assignment: user && permissionSet,
    licence: user,
    key: a.keyPair !== undefined,
  };
}

function teardownBody(inputs: PlanInputs): Body {
  const { names, artifacts: a } = inputs;
  const username = a.integrationUser?.username ?? plannedUser(inputs).name;
  const found = present(inputs);
  const artifacts: PlanArtifact[] = (
    [
      { part: 'app', action: 'remove', name: names.appLabel, apiName: names.appApiName },
      { part: 'assignment', action: 'remove', name: names.permissionSetLabel },
      { part: 'licence', action: 'remove', name: API_INTEGRATION_PSL },
      { part: 'user', action: 'deactivate', name: username },
      { part: 'permissionSet', action: 'remove', name: names.permissionSetLabel, apiName: names.permissionSetApiName },
      { part: 'key', action: 'remove', name: `${names.appLabel} certificate` },
    ] satisfies PlanArtifact[]
  ).filter((x) => found[x.part]);
  return {
    artifacts,
    licences: licences(inputs, 'free'),
    oauth: null,
    consequences: ['agentStops', 'userDeactivatedNotDeleted', 'privateKeyDeleted'],
  };
}

function updateBody(inputs: PlanInputs): Body {
  const { names } = inputs;
  const consequences: PlanConsequence[] = [];
  if (inputs.access.some((c) => c.widens)) consequences.push('accessWidens');
  // Grants added by hand go only when the admin ticks their removal: the review shows them apart.
  const ours = inputs.access.filter((c) => c.byHand !== true);
  if (ours.some((c) => c.after === null || (c.before !== null && !c.widens))) consequences.push('accessNarrows');
  if (inputs.access.length === 0) consequences.push('nothingToChange');
  return {
    artifacts: [
      {
        part: 'permissionSet',
        action: inputs.access.length ? 'update' : 'keep',
        name: names.permissionSetLabel,
        apiName: names.permissionSetApiName,
      },
    ],
    licences: [],
    oauth: null,
    consequences,
  };
}

/** What each kind does to the org; Resume continues, and Roll back undoes, the journaled run's kind. */
export function planBody(inputs: PlanInputs): Body {
  const kind = inputs.kind === 'resume' ? (inputs.of ?? 'enable') : inputs.kind;
  if (kind === 'rollback') {
    const body = teardownBody(inputs);
    const made = new Set(Object.keys(inputs.artifacts));
    const partOf: Record<PlanArtifact['part'], string> = {
      app: 'app',
      assignment: 'assignment',
      licence: 'licence',
      user: 'integrationUser',
      permissionSet: 'permissionSet',
      key: 'keyPair',
    };
    return {
      ...body,
      artifacts: body.artifacts.filter((x) => made.has(partOf[x.part])),
      consequences: ['rollbackRemoves', 'userDeactivatedNotDeleted'],
    };
  }
  if (kind === 'disable') return teardownBody(inputs);
  if (kind === 'rotateKey') {
    const { names } = inputs;
    const artifacts: PlanArtifact[] = [
      { part: 'key', action: 'replace', name: `${names.appLabel} certificate` },
      { part: 'app', action: 'update', name: names.appLabel, apiName: names.appApiName },
    ];
    return {
      artifacts,
      licences: [],
      oauth: oauthSettings(names, inputs.now, inputs.certificateDays),
      consequences: ['oldKeyStopsAtOnce', 'reexportCredentials'],
    };
  }
  if (kind === 'updateAccess') return updateBody(inputs);
  if (kind === 'repair') return repairBody(inputs, inputs.broken, licences(inputs, 'use'));
  return buildBody(inputs, kind === 'recreate' || kind === 'reconnect');
}

const verbs: Record<PlanArtifact['action'], string> = {
  create: 'Create',
  reuse: 'Reuse',
  reactivate: 'Reactivate',
  replace: 'Delete and create again',
  update: 'Update',
  remove: 'Delete',
  deactivate: 'Deactivate (not delete)',
  keep: 'Keep',
};
const parts: Record<PlanArtifact['part'], string> = {
  app: 'the External Client App',
  user: 'the integration user',
  permissionSet: 'the permission set',
  assignment: 'the permission set assignment',
  licence: 'the permission set licence assignment',
  key: "the agent's key and certificate",
};
const consequenceText: Record<PlanConsequence, string> = {
  consumerKeyChanges: "The app's consumer key changes.",
  reexportCredentials: "Export the agent's credentials again afterwards; the ones it has stop working.",
  agentOffline: 'The agent is offline for a few minutes, until Salesforce accepts the new app.',
  agentStops: 'The agent can no longer sign in.',
  userDeactivatedNotDeleted:
    'The integration user is deactivated, not deleted (Salesforce does not delete users); its licence seat is freed.',
  privateKeyDeleted: "The agent's private key is deleted from this computer.",
  waitForSalesforce: 'Salesforce takes a few minutes to accept a new app; the run waits for it.',
  rollbackRemoves: 'What the unfinished run created is removed.',
  accessWidens: 'The agent gets Edit or View All Records access it did not have.',
  accessNarrows: 'The agent loses access it has today.',
  nothingToChange: 'The org already matches the desired access: nothing is written.',
  oldKeyStopsAtOnce: "The agent's current key stops working at once, when the certificate is replaced; the consumer key stays the same.",
  credentialsKeepWorking:
    "The app, its consumer key and the certificate stay: the agent's exported credentials keep working, nothing needs exporting again.",
};

/** The plan in English sentences: the CLI prints them, and they are the plan's `summary`. */
export function planSummary(plan: Omit<RunPlan, 'summary'>): string[] {
  const lines = plan.whyRebuild ? [whyRebuildText[plan.whyRebuild]] : [];
  lines.push(...plan.artifacts.map((a) => `${verbs[a.action]} ${parts[a.part]}: ${a.name}${a.apiName ? ` (${a.apiName})` : ''}`));
  for (const l of plan.licences)
    if (l.change !== 'keep')
      lines.push(`${l.change === 'use' ? 'Uses one' : 'Frees one'} ${l.name}${l.available === null ? '' : ` (${l.available} free now)`}`);
  if (plan.oauth) {
    const o = plan.oauth;
    lines.push(
      `OAuth: JWT bearer, scopes ${o.scopes.join(', ')}; pre-authorised users: holders of ${o.preAuthorisedPermissionSet}; IP restrictions: ${o.ipPolicy === 'Enforce' ? 'enforced' : 'relaxed'}`,
    );
    lines.push(`Certificate valid for ${o.certificateValidDays} days, until ${o.certificateValidUntil.slice(0, 10)}`);
  }
  if (plan.userDefaults) {
    const d = plan.userDefaults;
    lines.push(`Integration user: time zone ${d.timeZone}, locale ${d.locale}, language ${d.language}, email encoding ${d.emailEncoding}`);
  }
  lines.push(...describeChanges(plan.access));
  lines.push(...(plan.visibility ?? []).map((v) => v.message));
  if (plan.notInOrg?.length) lines.push(notInOrgText(plan.notInOrg));
  // What the pre-flight found that is not simply fine: the org's rules on User, Microsoft's connection, blockers.
  for (const c of plan.preflight?.checks ?? []) if (!c.ok) lines.push(`Pre-flight: ${c.message}${c.fix ? ` ${c.fix}` : ''}`);
  lines.push(...plan.consequences.map((c) => consequenceText[c]));
  return lines;
}
