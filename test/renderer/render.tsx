import { render, screen, waitFor, within, type RenderResult } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../renderer/App';
import { createFakeApi, type FakeApi, type FakeState } from './fake-api';

export interface Rendered extends RenderResult {
  api: FakeApi;
  user: ReturnType<typeof userEvent.setup>;
}

/**
 * The whole app over a fake API in the given state, waiting until the first screen is shown in full:
 * the shell paints first, then the live state and any lazily loaded card replace their placeholders.
 */
export async function renderApp(state: Partial<FakeState> = {}): Promise<Rendered> {
  const api = createFakeApi(state);
  const user = userEvent.setup();
  const result = render(<App api={api} />);
  await screen.findByRole('heading', { level: 1 });
  await waitFor(() => {
    if (document.querySelector('[aria-busy="true"]')) throw new Error('still loading');
  });
  return { ...result, api, user };
}

/** Confirms the review that opens before every run, once its plan has loaded (Confirm is disabled until then). */
export async function confirmReview(user: Rendered['user'], title: string | RegExp = /^Review/): Promise<HTMLElement> {
  const dialog = await screen.findByRole('dialog', { name: title });
  const confirm = within(dialog).getByRole('button', { name: /^Confirm|^Bekräfta/ });
  await waitFor(() => {
    if ((confirm as HTMLButtonElement).disabled) throw new Error('the plan is still loading');
  });
  await user.click(confirm);
  return dialog;
}

/**
 * Enters `text` into `field` in one input event (a paste) rather than a keystroke each: on a busy
 * machine every keystroke re-renders the form, and a long typed text outlasted the test's timeout.
 */
export async function fillIn(user: Rendered['user'], field: HTMLElement, text: string): Promise<void> {
  await user.click(field);
  await user.paste(text);
}
