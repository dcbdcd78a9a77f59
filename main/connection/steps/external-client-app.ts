import { fail } from '../../../common/errors';
import { metadataText, type MetadataRecord } from '../../salesforce/metadata';
import { SalesforceError } from '../../salesforce/errors';
import { text } from '../artifacts';
import { isOurs } from '../names';
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
  return text(ctx.artifacts, 'keyPair', 'certificatePem') ?? fail('STEP_FAILED', "The agent's certificate is missing.", { action: 'retry' });
}

function components(ctx: StepContext) {
  const { names } = ctx;
  const app = names.appApiName;
  return {
    header: { fullName: app, contactEmail: ctx.snapshot.adminEmail, description: names.description, distributionState: 'Local', isProtected: false, label: names.appLabel },
    oauth: { fullName: names.oauthSettingsName, commaSeparatedOauthScopes: 'Api', externalClientApplication: app, label: names.appLabel },
    global: {
      fullName: names.globalOauthSettingsName,
      callbackUrl: CALLBACK_URL,
      certificate: certificate(ctx),
      externalClientApplication: app,
      isClientCredentialsFlowEnabled: false,
      isConsumerSecretOptional: false,
      isIntrospectAllTokens: false,
      isPkceRequired: false,
      isSecretRequiredForRefreshToken: false,
      label: names.appLabel,
    },
    configurable: { fullName: names.configurablePoliciesName, externalClientApplication: app, isEnabled: true, isOauthPluginEnabled: true, label: names.appLabel },
  } satisfies Record<string, MetadataRecord>;
}

/** Admin-approved pre-authorisation by the agent's permission set (salesforce.md §2.3, §2.6). */
function oauthPolicies(ctx: StepContext, fullName: string): MetadataRecord {
  return {
    fullName,
    commaSeparatedPermissionSet: ctx.names.permissionSetApiName,
    externalClientApplication: ctx.names.appApiName,
    ipRelaxationPolicyType: 'Enforce',
    isClientCredentialsFlowEnabled: false,
    label: ctx.names.appLabel,
    permittedUsersPolicyType: 'AdminApprovedPreAuthorized',
    requiredSessionLevel: 'STANDARD',
  };
}

/**
 * Salesforce generates the OAuth policies record itself when the OAuth settings are saved; its name
 * is not documented. Update it under the name Salesforce is known to use; if that is not it, find
 * the record that belongs to our app (list + read) and update that one.
 */
async function preAuthorise(ctx: StepContext): Promise<string> {
  const guess = `${ctx.names.oauthSettingsName}_defaultPolicy`;
  try {
    await ctx.client.metadata.update(ECA.oauthPolicies, [oauthPolicies(ctx, guess)]);
    return guess;
  } catch (error) {
    if (!(error instanceof SalesforceError)) throw error;
    const listed = (await ctx.client.metadata.list([ECA.oauthPolicies])).map((c) => c.fullName);
    const records = await ctx.client.metadata.read(ECA.oauthPolicies, listed);
    const ours = records.find((r) => metadataText(r, 'externalClientApplication') === ctx.names.appApiName);
    const fullName = ours ? metadataText(ours, 'fullName') : undefined;
    if (!fullName) {
      // Not generated here: create it ourselves.
      await ctx.client.metadata.create(ECA.oauthPolicies, [oauthPolicies(ctx, guess)]);
      return guess;
    }
    await ctx.client.metadata.update(ECA.oauthPolicies, [oauthPolicies(ctx, fullName)]);
    return fullName;
  }
}

async function removeApp(ctx: RemovalContext): Promise<void> {
  const { names } = ctx;
  // The header first: that stops token issuance at once; satellites usually go with it.
  await ctx.client.metadata.delete(ECA.header, [names.appApiName]);
  for (const [type, name] of [
    [ECA.oauthPolicies, `${names.oauthSettingsName}_defaultPolicy`],
    [ECA.global, names.globalOauthSettingsName],
    [ECA.oauth, names.oauthSettingsName],
    [ECA.configurable, names.configurablePoliciesName],
  ] as const) {
    await ctx.client.metadata.delete(type, [name]);
  }
}

/**
 * The External Client App: header, OAuth settings (scope api), global OAuth settings with the
 * agent's certificate (JWT bearer), configurable policies, and OAuth policies pre-authorising the
 * permission set; then the consumer key is read back.
 */
export const appStep: Step = {
  id: 'app',
  removalId: 'removeApp',
  intent: (ctx) => ({ name: ctx.names.appApiName, label: ctx.names.appLabel }),
  find(ctx) {
    const found = ctx.snapshot.app;
    if (found === 'unavailable') {
      fail('EXTERNAL_CLIENT_APPS_UNAVAILABLE', 'External Client Apps are not available in this org. Turn them on in Setup > External Client App Settings, then try again.', { action: 'retry' });
    }
    if (!found) return Promise.resolve(null);
    if (!isOurs(found.description)) {
      fail('NAME_TAKEN', `An external client app named "${found.developerName}" already exists and was not created by Agent Connections. Rename it, or choose another agent name in Settings.`, {
        action: 'openSettings',
        params: { name: found.developerName, kind: 'external client app' },
      });
    }
    // Ours, from an earlier attempt: it may be incomplete or hold another certificate, so it is rebuilt.
    ctx.scratch.set('replaceApp', true);
    ctx.note('app', 'replacedApp');
    return Promise.resolve(null);
  },
  async apply(ctx) {
    const { names } = ctx;
    if (ctx.scratch.get('replaceApp') === true) await removeApp(ctx);
    const parts = components(ctx);
    await ctx.client.metadata.create(ECA.header, [parts.header]);
    await ctx.client.metadata.create(ECA.oauth, [parts.oauth]);
    await ctx.client.metadata.create(ECA.global, [parts.global]);
    await ctx.client.metadata.create(ECA.configurable, [parts.configurable]);
    const oauthPolicyName = await preAuthorise(ctx);
    const [global] = await ctx.client.metadata.read(ECA.global, [names.globalOauthSettingsName]);
    const consumerKey = global ? metadataText(global, 'consumerKey') : undefined;
    if (!consumerKey) throw new SalesforceError('UNKNOWN', 'Salesforce did not return the app’s consumer key.');
    return { name: names.appApiName, consumerKey, oauthPolicyName, createdAt: ctx.now().toISOString() };
  },
  async undo(ctx) {
    await removeApp(ctx);
  },
  removalText: (ctx) => `Delete the external client app "${ctx.names.appLabel}" (${ctx.names.appApiName}); the agent can no longer get tokens.`,
  removalName: (ctx) => ctx.names.appLabel,
};
