import { expect, type Locator, type Page } from '@playwright/test';
import type { UiLabels } from './ui-labels';

/**
 * The admin's moves on Connectors -> Agent connections -> Salesforce, by what the screen says (roles
 * and names), in either language. Shared by the browser-mode and Electron journeys.
 */
export function salesforcePanel(page: Page, labels: UiLabels) {
  const details = page.getByRole('region', { name: labels.detailsHeading });
  const progress = page.getByRole('list', { name: labels.progressSteps });
  const toggle = page.getByRole('switch', { name: labels.turnOnAccess });
  const save = page.getByRole('button', { name: labels.save, exact: true });

  return {
    details,
    progress,
    toggle,
    save,

    async open(): Promise<void> {
      await page.getByRole('navigation').getByRole('button', { name: labels.connectors, exact: true }).click();
      await page.getByRole('button', { name: new RegExp(`^${labels.salesforce}`) }).click();
      await expect(toggle).toBeVisible();
    },

    /**
     * Turn on access -> Save -> the review of what will be created -> Confirm (Save is offered only once
     * the switch differs from the org). `beforeConfirm` runs while the review is open: nothing is written yet.
     */
    async turnOnAndSave(beforeConfirm?: () => Promise<void>): Promise<void> {
      await expect(toggle).toBeEnabled();
      await expect(save).toBeDisabled();
      await toggle.check();
      await save.click();
      await this.confirmReview(beforeConfirm);
    },

    /** The review that opens before every run: waits for its plan, then Confirm. */
    async confirmReview(beforeConfirm?: () => Promise<void>): Promise<void> {
      const dialog = page.getByRole('dialog', { name: labels.reviewTitle });
      const confirm = dialog.getByRole('button', { name: labels.reviewConfirm });
      await expect(confirm).toBeEnabled({ timeout: 15_000 });
      await beforeConfirm?.();
      await confirm.click();
      await expect(dialog).toBeHidden();
    },

    /** A run in progress: its title, the calm "may take a few minutes", and its step list. */
    async expectRunning(title: string): Promise<void> {
      await expect(page.getByRole('heading', { name: title })).toBeVisible();
      await expect(page.getByText(labels.mayTakeMinutes)).toBeVisible();
      await expect(progress).toBeVisible();
    },

    /** The details card with the green chip: the run ended and the agent signed in. */
    async expectConnected(): Promise<void> {
      await expect(details).toBeVisible({ timeout: 30_000 });
      await expect(details.getByText(labels.connected, { exact: true })).toBeVisible({ timeout: 30_000 });
      await expect(toggle).toBeChecked();
      await expect(save).toBeDisabled();
    },

    /** Export -> <format> on the details card; where the file goes is the host's business. */
    async chooseExport(format: 'JSON' | 'CSV'): Promise<void> {
      await details.getByRole('button', { name: labels.export }).click();
      await page.getByRole('menuitem', { name: format, exact: true }).click();
    },

    /** Toggle off -> Save opens the confirmation; resolves with the open dialog. */
    async askToTurnOff(): Promise<Locator> {
      await toggle.uncheck();
      await save.click();
      const dialog = page.getByRole('dialog', { name: labels.turnOffTitle });
      await expect(dialog).toBeVisible();
      for (const item of labels.reviewRemovals) await expect(dialog.getByText(item, { exact: false })).toBeVisible();
      await expect(dialog.getByText(labels.userDeactivated)).toBeVisible();
      return dialog;
    },

    /** Agent access -> the object -> search -> tick the field -> Save: the agent now reads it. */
    async addFieldToAgentAccess(object: string, field: string, beforeSave?: () => Promise<void>): Promise<void> {
      await page.getByRole('button', { name: labels.changeAgentAccess }).click();
      const dialog = page.getByRole('dialog', { name: labels.agentAccessDialog });
      await dialog.getByRole('button', { name: new RegExp(`^${object}\\b`) }).click();
      await dialog.getByRole('searchbox', { name: labels.searchFields }).fill(field);
      await dialog.getByRole('checkbox', { name: new RegExp(`\\(${field}\\)`) }).check();
      await beforeSave?.();
      await dialog.getByRole('button', { name: labels.save, exact: true }).click();
      await expect(dialog).toBeHidden();
    },

    /** After confirming: the removal run, then access off and nothing left to show. */
    async expectRemoved(): Promise<void> {
      const connector = page.getByRole('button', { name: new RegExp(`^${labels.salesforce}`) });
      await expect(connector.getByText(labels.notSetUp)).toBeVisible({ timeout: 30_000 });
      await expect(details).toBeHidden();
      await expect(toggle).not.toBeChecked();
      await expect(toggle).toBeEnabled();
    },
  };
}
