import { createHash } from 'node:crypto';

/** What the browser tab shows after Salesforce redirects back to the app. */
export interface CallbackPage {
  status: number;
  outcome: 'success' | 'failure';
  title: string;
  message: string;
}

const style =
  'body{font-family:system-ui,sans-serif;margin:0;display:flex;min-height:100vh;align-items:center;justify-content:center;background:#f4f6f9;color:#181818}' +
  'main{max-width:32rem;padding:2rem;background:#fff;border-radius:8px;box-shadow:0 1px 4px rgba(0,0,0,.15)}' +
  'h1{font-size:1.4rem;margin-top:0}.failure h1{color:#ba0517}.success h1{color:#2e844a}' +
  '@media (prefers-color-scheme:dark){body{background:#1b1b1b;color:#eee}main{background:#2b2b2b}}';

/** The page is self-contained: no script, no external resource; the one inline style is allowed by hash. */
export const callbackPageHeaders: Readonly<Record<string, string>> = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'content-security-policy': `default-src 'none'; style-src 'sha256-${createHash('sha256').update(style).digest('base64')}'`,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function renderCallbackPage(page: CallbackPage): string {
  return (
    `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(page.title)} | Agent Connections</title>` +
    `<style>${style}</style></head><body><main class="${page.outcome}" role="${page.outcome === 'failure' ? 'alert' : 'status'}">` +
    `<h1>${escapeHtml(page.title)}</h1><p>${escapeHtml(page.message)}</p>` +
    `<p>You can close this tab and return to Agent Connections.</p></main></body></html>`
  );
}

export const signedInPage: CallbackPage = {
  status: 200,
  outcome: 'success',
  title: 'Signed in to Salesforce',
  message: 'Agent Connections received your sign-in.',
};

export function failedPage(message: string, status = 400): CallbackPage {
  return { status, outcome: 'failure', title: 'Sign-in failed', message };
}
