import { randomBytes } from 'node:crypto';
import { fail } from '../../../common/app-error-schema';
import { metadataText, type MetadataRecord } from '../../salesforce/metadata';
import { SalesforceError } from '../../salesforce/errors';
import { isOurs, type ArtifactNames } from '../org/names';
import type { StepResult } from './results';
import type { RemovalContext, Step, StepContext } from './step';

export const ECA = {
  header: 'ExternalClientApplication',
  oauth: 'ExtlClntAppOauthSettings',
  global: 'ExtlClntAppGlobalOauthSettings',
  configurable: 'ExtlClntAppConfigurablePolicies',
  oauthPolicies: 'ExtlClntAppOauthConfigurablePolicies',
} as const;

/** Never used for a browser flow (JWT bearer only), but the OAuth settings require one. */
const CALLBACK_URL = 'https://login.salesforce.com/services/oauth2/success';

function certificate(ctx: StepContext): string {
  return ctx.artifacts.keyPair?.certificatePem ?? fail('STEP_FAILED', "The agent's certificate is missing.", { action: 'retry' });
}

function components(ctx: StepContext) {
  const { names } = ctx;
  const app = names.appApiName;
  return {
    header: {
      fullName: app,
      contactEmail: ctx.snapshot.adminEmail,
      description: names.description,
      distributionState: 'Local',
      isProtected: false,
      label: names.appLabel,
    },
    oauth: { fullName: names.oauthSettingsName, commaSeparatedOauthScopes: 'Api', externalClientApplication: app, label: names.appLabel },
    global: globalOauthSettings(names, certificate(ctx)),
  } satisfies Record<string, MetadataRecord>;
}

/** The app's global OAuth settings, which hold its one certificate (Rotate key writes them again, fact CERTIFICATE-ROTATION). */
export function globalOauthSettings(names: ArtifactNames, certificatePem: string): MetadataRecord {
  return {
    fullName: names.globalOauthSettingsName,
    callbackUrl: CALLBACK_URL,
    certificate: certificatePem,
    externalClientApplication: names.appApiName,
    isClientCredentialsFlowEnabled: false,
    isConsumerSecretOptional: false,
    isIntrospectAllTokens: false,
    isPkceRequired: false,
    isSecretRequiredForRefreshToken: false,
    label: names.appLabel,
  };
}

function configurablePolicies(ctx: StepContext, fullName: string): MetadataRecord {
  return {
    fullName,
    externalClientApplication: ctx.names.appApiName,
    isEnabled: true,
    isOauthPluginEnabled: true,
    label: ctx.names.appLabel,
  };
}

/** Admin-approved pre-authorisation by the agent's permission set, named by its Name or its Id (fact ECA-PREAUTHORIZE-PERMISSION-SET). */
function oauthPolicies(ctx: StepContext, fullName: string, permissionSet: string): MetadataRecord {
  return {
    fullName,
    commaSeparatedPermissionSet: permissionSet,
    externalClientApplication: ctx.names.appApiName,
    ipRelaxationPolicyType: 'Enforce',
    isClientCredentialsFlowEnabled: false,
    label: ctx.names.appLabel,
    permittedUsersPolicyType: 'AdminApprovedPreAuthorized',
    requiredSessionLevel: 'STANDARD',
  };
}

type PolicyType = typeof ECA.configurable | typeof ECA.oauthPolicies;
type FoundPolicies = Record<PolicyType, string[]>;

/**
 * The app's policy records, whatever Salesforce named them (fact ECA-POLICIES): the org may have made
 * them itself or not. Listing gives names only: a name derived from our app's own is ours; any other
 * candidate is read to see which app it belongs to, names mentioning our app first, stopping at ours.
 */
async function findPolicies(ctx: RemovalContext): Promise<FoundPolicies> {
  const listed = await ctx.client.metadata.list([ECA.configurable, ECA.oauthPolicies]);
  const names = (type: PolicyType) => listed.filter((c) => c.type === type).map((c) => c.fullName);
  return {
    [ECA.configurable]: await ownedBy(ctx, ECA.configurable, names(ECA.configurable)),
    [ECA.oauthPolicies]: await ownedBy(ctx, ECA.oauthPolicies, names(ECA.oauthPolicies)),
  };
}

const READ_BATCH = 10;

/**
 * Names only our app's policies can have: ours, and the ones Salesforce derives from our app's or
 * OAuth settings' own (unique) names. A listed record with one of them needs no read to tell whose it is.
 */
function namesOnlyOursHave(ctx: RemovalContext, type: PolicyType): Set<string> {
  const { appApiName, oauthSettingsName, configurablePoliciesName, oauthPoliciesName } = ctx.names;
  const names =
    type === ECA.configurable
      ? [`${appApiName}_defaultPolicy`, configurablePoliciesName]
      : [`${oauthSettingsName}_defaultPolicy`, `${appApiName}_defaultPolicy`, oauthPoliciesName];
  return new Set(names.map((name) => name.toLowerCase()));
}

async function ownedBy(ctx: RemovalContext, type: PolicyType, listed: string[]): Promise<string[]> {
  const known = namesOnlyOursHave(ctx, type);
  const recognised = listed.filter((name) => known.has(name.toLowerCase()));
  if (recognised.length > 0) return recognised;
  const app = ctx.names.appApiName.toLowerCase();
  const mentionsApp = (name: string) => (name.toLowerCase().includes(app) ? 0 : 1);
  const candidates = [...listed].sort((a, b) => mentionsApp(a) - mentionsApp(b));
  for (let i = 0; i < candidates.length; i += READ_BATCH) {
    const records = await ctx.client.metadata.read(type, candidates.slice(i, i + READ_BATCH));
    const ours = records
      .filter((r) => metadataText(r, 'externalClientApplication')?.toLowerCase() === app)
      .map((r) => metadataText(r, 'fullName') ?? '')
      .filter((name) => name !== '');
    if (ours.length > 0) return ours;
  }
  return [];
}

/**
 * Writes both policy records: over the ones Salesforce made, or as new ones under our names where it
 * made none (upsert covers both, as real clients do for these types).
 */
async function writePolicies(ctx: StepContext): Promise<{ configurablePolicyName: string; oauthPolicyName: string }> {
  const found = await findPolicies(ctx);
  const configurablePolicyName = found[ECA.configurable][0] ?? ctx.names.configurablePoliciesName;
  const oauthPolicyName = found[ECA.oauthPolicies][0] ?? ctx.names.oauthPoliciesName;
  await ctx.client.metadata.upsert(ECA.configurable, [configurablePolicies(ctx, configurablePolicyName)]);
  await preAuthorise(ctx, oauthPolicyName);
  return { configurablePolicyName, oauthPolicyName };
}

/** The org's refusal of a permission set named the way it does not read (fact ECA-PREAUTHORIZE-PERMISSION-SET). */
const refusesEntry = (error: unknown): boolean => error instanceof SalesforceError && /commaSeparatedPermissionSet/i.test(error.message);

/**
 * Pre-authorises the agent's permission set by its Name, as the reference's sample and real clients do;
 * an org that reads the list as Ids (as the reference words it) refuses the Name, and gets the Id.
 */
async function preAuthorise(ctx: StepContext, oauthPolicyName: string): Promise<void> {
  try {
    await ctx.client.metadata.upsert(ECA.oauthPolicies, [oauthPolicies(ctx, oauthPolicyName, ctx.names.permissionSetApiName)]);
  } catch (error) {
    const id = ctx.artifacts.permissionSet?.id;
    if (!refusesEntry(error) || !id) throw error;
    await ctx.client.metadata.upsert(ECA.oauthPolicies, [oauthPolicies(ctx, oauthPolicyName, id)]);
  }
}

/** A consumer key of our own (as sfdx-hardis deploys one): the app knows it without reading it back (fact ECA-CONSUMER-KEY-CHOICE). */
const ownConsumerKey = (): string => `AC${randomBytes(48).toString('base64url').replace(/[-_]/g, '0')}`;

/** The global OAuth settings with our own consumer key; an org that refuses a chosen key makes its own (null: read it back). */
async function createGlobalSettings(ctx: StepContext, settings: MetadataRecord): Promise<string | null> {
  const consumerKey = ctx.run.consumerKey ?? ownConsumerKey();
  try {
    await ctx.client.metadata.create(ECA.global, [{ ...settings, consumerKey }]);
    return consumerKey;
  } catch (error) {
    if (!(error instanceof SalesforceError && /consumer key/i.test(error.message))) throw error;
    await ctx.client.metadata.create(ECA.global, [settings]);
    return null;
  }
}

/** The key the org made, read back; an org that shows it only with "Allow access to OAuth consumer secrets via Metadata API" says so (fact ECA-CONSUMER-KEY-READ). */
async function readConsumerKey(ctx: StepContext): Promise<string> {
  const [global] = await ctx.client.metadata.read(ECA.global, [ctx.names.globalOauthSettingsName]);
  const consumerKey = global ? metadataText(global, 'consumerKey') : undefined;
  if (consumerKey) return consumerKey;
  return fail(
    'STEP_FAILED',
    'Salesforce did not show the app’s consumer key. Turn on "Allow access to OAuth consumer secrets via Metadata API" in Setup > External Client App Settings, then Reconnect.',
    { action: 'retry' },
  );
}

type EcaType = (typeof ECA)[keyof typeof ECA];

/** Satellites before the header: whether a header delete takes them along is not documented (fact ECA-DELETE-CASCADE). */
const REMOVAL_ORDER: EcaType[] = [ECA.oauthPolicies, ECA.configurable, ECA.global, ECA.oauth, ECA.header];

/** Every component of ours by type: the policy names the step recorded, or found by listing when it recorded none. */
async function ourComponents(ctx: RemovalContext, recorded: StepResult<'app'>): Promise<Record<EcaType, string[]>> {
  const { names } = ctx;
  const { configurablePolicyName: configurable, oauthPolicyName } = recorded;
  const found = configurable && oauthPolicyName ? null : await findPolicies(ctx);
  return {
    [ECA.header]: [names.appApiName],
    [ECA.oauth]: [names.oauthSettingsName],
    [ECA.global]: [names.globalOauthSettingsName],
    [ECA.configurable]: configurable ? [configurable] : (found?.[ECA.configurable] ?? []),
    [ECA.oauthPolicies]: oauthPolicyName ? [oauthPolicyName] : (found?.[ECA.oauthPolicies] ?? []),
  };
}

/**
 * Deletes every component, satellites first. A component already gone is fine; any other refusal
 * is kept and the rest still tried, since the listing afterwards is what decides (fact
 * ECA-DELETE-RESULTS): whatever of ours is still listed fails the removal by name.
 */
async function removeApp(ctx: RemovalContext, recorded: StepResult<'app'>): Promise<void> {
  const ours = await ourComponents(ctx, recorded);
  const refusals: string[] = [];
  for (const type of REMOVAL_ORDER) {
    const names = ours[type];
    if (names.length === 0) continue;
    try {
      await ctx.client.metadata.delete(type, names);
    } catch (error) {
      if (!(error instanceof SalesforceError)) throw error;
      refusals.push(error.message);
    }
  }
  const listed = await ctx.client.metadata.list(REMOVAL_ORDER);
  const left = listed.filter((c) => ours[c.type as EcaType]?.some((name) => name.toLowerCase() === c.fullName.toLowerCase()));
  if (left.length === 0) return;
  const what = left.map((c) => `${c.type} ${c.fullName}`).join(', ');
  fail(
    'APP_NOT_REMOVED',
    `Salesforce kept parts of the external client app: ${what}.${refusals[0] ? ` ${refusals[0]}` : ''} Try again, or delete them in Setup > External Client App Manager.`,
    {
      action: 'retry',
      params: { left: what },
    },
  );
}

/**
 * The External Client App: header, OAuth settings (scope api), global OAuth settings with the
 * agent's certificate (JWT bearer); then the configurable policies and the OAuth policies
 * pre-authorising the permission set, found or made (fact ECA-POLICIES). The consumer key is our own
 * where the org takes it, otherwise read back. The result names both policy records, so Disable deletes exactly those.
 */
export const appStep: Step<'app'> = {
  id: 'app',
  removalId: 'removeApp',
  intent: (ctx) => ({ name: ctx.names.appApiName, label: ctx.names.appLabel }),
  find(ctx) {
    const found = ctx.snapshot.app;
    if (found === 'unavailable') {
      fail(
        'EXTERNAL_CLIENT_APPS_UNAVAILABLE',
        'External Client Apps are not available in this org. Turn them on in Setup > External Client App Settings, then try again.',
        { action: 'retry' },
      );
    }
    if (!found) return Promise.resolve(null);
    if (!isOurs(found.description)) {
      fail(
        'NAME_TAKEN',
        `An external client app named "${found.developerName}" already exists and was not created by Agent Connections. Rename it, or choose another agent name in Settings.`,
        {
          action: 'openSettings',
          params: { name: found.developerName, kind: 'external client app' },
        },
      );
    }
    // Ours, from an earlier attempt: it may be incomplete or hold another certificate, so it is rebuilt.
    ctx.run.replaceApp = true;
    ctx.note('app', 'replacedApp');
    return Promise.resolve(null);
  },
  async apply(ctx) {
    const { names } = ctx;
    if (ctx.run.replaceApp === true) await removeApp(ctx, {});
    const parts = components(ctx);
    await ctx.client.metadata.create(ECA.header, [parts.header]);
    await ctx.client.metadata.create(ECA.oauth, [parts.oauth]);
    const chosenKey = await createGlobalSettings(ctx, parts.global);
    const policyNames = await writePolicies(ctx);
    const consumerKey = chosenKey ?? (await readConsumerKey(ctx));
    return { name: names.appApiName, consumerKey, ...policyNames, createdAt: ctx.now().toISOString() };
  },
  async undo(ctx, result) {
    await removeApp(ctx, result);
  },
  removalText: (ctx) =>
    `Delete the external client app "${ctx.names.appLabel}" (${ctx.names.appApiName}); the agent can no longer get tokens.`,
  removalName: (ctx) => ctx.names.appLabel,
};
