import { certificateNotAfter, createAgentKeyPair, type AgentKeyPair } from '../../agent/keys';
import type { StepContext, Step } from './step';

export function privateKeyVaultKey(orgId: string, appName: string): string {
  return `agent-private-key:${orgId}:${appName}`;
}
export function certificateVaultKey(orgId: string, appName: string): string {
  return `agent-certificate:${orgId}:${appName}`;
}

/** The agent's private key, read from the vault (never from the journal or the record). */
export async function agentPrivateKey(ctx: Pick<StepContext, 'vault' | 'orgId' | 'names'>): Promise<string | undefined> {
  return ctx.vault.get(privateKeyVaultKey(ctx.orgId, ctx.names.appApiName));
}

/**
 * Key generation is local CPU work (30–490 ms) off the main thread: begun before the pre-flight, it
 * runs while the org answers instead of between two requests. A failure surfaces when the step awaits it.
 */
export function keyPairInAdvance(appLabel: string, now: Date, lifetimeDays: number): Promise<AgentKeyPair> {
  const pending = createAgentKeyPair(appLabel, now, lifetimeDays);
  pending.catch(() => undefined);
  return pending;
}

/** An RSA key pair and self-signed certificate made on this computer; the private key goes into the vault. */
export const keyPairStep: Step<'keyPair'> = {
  id: 'keyPair',
  intent: (ctx) => ({ vaultKey: privateKeyVaultKey(ctx.orgId, ctx.names.appApiName) }),
  async find(ctx) {
    const key = await agentPrivateKey(ctx);
    const certificatePem = await ctx.vault.get(certificateVaultKey(ctx.orgId, ctx.names.appApiName));
    if (!key || !certificatePem) return null;
    ctx.log.registerSecret(key);
    const notAfter = certificateNotAfter(certificatePem);
    return { vaultKey: privateKeyVaultKey(ctx.orgId, ctx.names.appApiName), certificatePem, ...(notAfter && { notAfter }) };
  },
  async apply(ctx) {
    const pair = await (ctx.pendingKeyPair ?? createAgentKeyPair(ctx.names.appLabel, ctx.now(), ctx.certificateLifetimeDays));
    ctx.log.registerSecret(pair.privateKeyPem);
    await ctx.vault.set(privateKeyVaultKey(ctx.orgId, ctx.names.appApiName), pair.privateKeyPem);
    await ctx.vault.set(certificateVaultKey(ctx.orgId, ctx.names.appApiName), pair.certificatePem);
    return { vaultKey: privateKeyVaultKey(ctx.orgId, ctx.names.appApiName), certificatePem: pair.certificatePem, notAfter: pair.notAfter };
  },
  async undo(ctx) {
    await ctx.vault.delete(privateKeyVaultKey(ctx.orgId, ctx.names.appApiName));
    await ctx.vault.delete(certificateVaultKey(ctx.orgId, ctx.names.appApiName));
  },
  removalText: () => "Delete the agent's private key from this computer.",
};
