import { startEmulator } from '../../packages/salesforce-emulator/index';

/**
 * The one seam between the product and the Salesforce org emulator (docs/architecture.md): the
 * demo mode (`npm run demo`, `npm run web -- --demo`) starts its org here and nowhere else, so the
 * dependency rules can keep every other product module, and the packaged app, free of the emulator.
 */
export interface DemoOrg {
  loginUrl: string;
  /** The org's My Domain origin, which the "Demo org" profile signs in at. */
  instanceUrl: string;
  admin: { username: string; password: string };
  stop(): Promise<void>;
}

/** New apps take 20 s to accept the agent's sign-in: long enough to show the wait, short enough for a demo (fact ACTIVATION-PROPAGATION). */
const DEMO_ACTIVATION_DELAY_MS = 20_000;

export async function startDemoOrg(): Promise<DemoOrg> {
  const emulator = await startEmulator({ activationDelayMs: DEMO_ACTIVATION_DELAY_MS });
  return {
    loginUrl: emulator.loginUrl,
    instanceUrl: emulator.instanceUrl,
    admin: { username: emulator.admin.username, password: emulator.admin.password },
    stop: () => emulator.stop(),
  };
}
