import { fail } from '../../../common/app-error-schema';
import { createAgentKeyPair } from '../../agent/keys';
import { metadataText } from '../../salesforce/metadata';
import { ECA, globalOauthSettings } from './external-client-app';
import { certificateVaultKey, privateKeyVaultKey } from './key-pair';
import type { RemovalContext, Step, StepContext } from './step';

type VaultContext = Pick<StepContext, 'vault' | 'orgId' | 'names'>;

/** The vault's slots for one app's key: in use, made but not yet on the app, and replaced (kept until the run ends). */
type Slot = 'current' | 'pending' | 'previous';

function slots(ctx: VaultContext, slot: Slot) {
  const suffix = slot === 'current' ? '' : `:${slot}`;
  return {
    key: `${privateKeyVaultKey(ctx.orgId, ctx.names.appApiName)}${suffix}`,
    certificate: `${certificateVaultKey(ctx.orgId, ctx.names.appApiName)}${suffix}`,
  };
}

async function move(ctx: VaultContext, from: Slot, to: Slot): Promise<void> {
  const source = slots(ctx, from);
  const target = slots(ctx, to);
  const key = await ctx.vault.get(source.key);
  const certificate = await ctx.vault.get(source.certificate);
  if (!key || !certificate) return;
  await ctx.vault.set(target.key, key);
  await ctx.vault.set(target.certificate, certificate);
  await ctx.vault.delete(source.key);
  await ctx.vault.delete(source.certificate);
}

/** Forgets the replaced key once the new one is proven: nothing on this computer can sign as the agent with it. */
export async function forgetReplacedKey(ctx: VaultContext): Promise<void> {
  await ctx.vault.delete(slots(ctx, 'previous').key);
  await ctx.vault.delete(slots(ctx, 'previous').certificate);
}

/** Rotate key's key pair: always new, kept aside in the vault until the app holds its certificate. */
export const newKeyPairStep: Step<'keyPair'> = {
  id: 'keyPair',
  intent: (ctx) => ({ vaultKey: slots(ctx, 'pending').key }),
  find: () => Promise.resolve(null),
  async apply(ctx) {
    const pair = await createAgentKeyPair(ctx.names.appLabel, ctx.now(), ctx.certificateLifetimeDays);
    ctx.log.registerSecret(pair.privateKeyPem);
    await ctx.vault.set(slots(ctx, 'pending').key, pair.privateKeyPem);
    await ctx.vault.set(slots(ctx, 'pending').certificate, pair.certificatePem);
    return { vaultKey: slots(ctx, 'current').key, certificatePem: pair.certificatePem, notAfter: pair.notAfter };
  },
  async undo(ctx) {
    await ctx.vault.delete(slots(ctx, 'pending').key);
    await ctx.vault.delete(slots(ctx, 'pending').certificate);
  },
  removalText: () => 'Delete the new private key from this computer.',
};

async function readGlobal(ctx: RemovalContext): Promise<Record<string, unknown>> {
  const [found] = await ctx.client.metadata.read(ECA.global, [ctx.names.globalOauthSettingsName]);
  if (!found || !metadataText(found, 'fullName')) {
    fail(
      'CONNECTION_BROKEN',
      `The external client app "${ctx.names.appApiName}" has no OAuth settings in the org any more. Use Reconnect to build the connection again.`,
      { action: 'reconnect' },
    );
  }
  return found;
}

/**
 * The app holds one certificate, so writing the new one is the moment the old key stops working
 * (fact CERTIFICATE-ROTATION). The consumer key must survive the change: the agent keeps its
 * configuration but for the key, so a changed one fails the step by name.
 */
export const replaceCertificateStep: Step<'replaceCertificate'> = {
  id: 'replaceCertificate',
  intent: () => ({}),
  find: () => Promise.resolve(null),
  async apply(ctx) {
    const certificatePem =
      ctx.artifacts.keyPair?.certificatePem ?? fail('STEP_FAILED', 'The new certificate is missing.', { action: 'retry' });
    const before = await readGlobal(ctx);
    const consumerKey = ctx.artifacts.app?.consumerKey ?? metadataText(before, 'consumerKey');
    const previousCertificatePem = metadataText(before, 'certificate') ?? '';
    await ctx.client.metadata.upsert(ECA.global, [globalOauthSettings(ctx.names, certificatePem)]);
    const replacedAt = ctx.now().toISOString();
    await move(ctx, 'current', 'previous');
    await move(ctx, 'pending', 'current');
    const after = metadataText(await readGlobal(ctx), 'consumerKey');
    if (!after || after !== consumerKey) {
      fail(
        'CONSUMER_KEY_CHANGED',
        `The app's consumer key changed when its certificate was replaced (it was ${consumerKey ?? 'unknown'}, it is ${after ?? 'unknown'}). Give the agent the new consumer key with its new credentials.`,
        {
          params: { before: consumerKey ?? '', after: after ?? '' },
        },
      );
    }
    return { replacedAt, consumerKey: after, previousCertificatePem };
  },
  /** Puts the replaced certificate back, with its key, so the agent's old credentials work again. */
  async undo(ctx, result) {
    const previous = typeof result.previousCertificatePem === 'string' ? result.previousCertificatePem : '';
    if (!previous) return;
    await ctx.client.metadata.upsert(ECA.global, [globalOauthSettings(ctx.names, previous)]);
    await move(ctx, 'current', 'pending');
    await move(ctx, 'previous', 'current');
  },
  removalText: (ctx) => `Put the previous certificate back on the external client app "${ctx.names.appLabel}".`,
};
