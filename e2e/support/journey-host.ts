import { expect, type Page } from '@playwright/test';
import type { StartedEmulator } from '../../packages/salesforce-emulator/index';
import type { UiLabels } from './ui-labels';

export interface ExportedFile {
  fileName: string;
  content: string;
}

/**
 * What differs between browser mode and the desktop app in a journey: where the admin completes
 * Salesforce's sign-in (a tab the page opens / the system browser) and where an export ends up
 * (a download / the file the save dialog chose). Everything else happens on the same page.
 */
export interface JourneyHost {
  page: Page;
  emulator: StartedEmulator;
  /** Runs `press` (the key or click that starts sign-in) and completes Salesforce's login and Allow pages. */
  signInWith(press: () => Promise<void>): Promise<void>;
  /** Runs `choose` (picking a format in the Export menu) and returns the file the app produced. */
  exportWith(choose: () => Promise<void>): Promise<ExportedFile>;
}

/** Sign in from the card and see the admin's identity there. */
export async function signIn(host: JourneyHost, labels: UiLabels): Promise<void> {
  const { page, emulator } = host;
  await host.signInWith(() => page.getByRole('button', { name: labels.signIn, exact: true }).click());
  const admin = emulator.state().users.find((u) => u.Id === emulator.admin.userId);
  await expect(page.getByText(labels.signedInAs(admin?.Name ?? '?', emulator.admin.username))).toBeVisible();
}
