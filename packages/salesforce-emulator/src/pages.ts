/** The HTML of the interactive login and "Allow access" pages (labelled fields, real buttons). */
import { escapeHtml } from './http';

function layout(title: string, body: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:sans-serif;background:#f3f3f3}main{max-width:360px;margin:60px auto;background:#fff;padding:24px;border-radius:8px}
label{display:block;margin-top:12px}input{width:100%;padding:8px;box-sizing:border-box}button{margin-top:16px;padding:8px 16px}
.error{color:#c23934}</style></head><body><main>${body}</main></body></html>`;
}

export function loginPage(action: string, orgName: string, error?: string, username = ''): string {
  const err = error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : '';
  return layout(
    'Login | Salesforce',
    `<h1>${escapeHtml(orgName)}</h1>${err}
<form method="post" action="${escapeHtml(action)}">
<input type="hidden" name="step" value="login">
<label for="username">Username</label><input id="username" name="username" type="email" autocomplete="username" value="${escapeHtml(username)}" required>
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit" id="Login" name="Login">Log In</button>
</form>`,
  );
}

export function consentPage(action: string, clientId: string, username: string, scopes: string[]): string {
  const items = scopes.map((s) => `<li>${escapeHtml(s)}</li>`).join('');
  return layout(
    'Allow Access? | Salesforce',
    `<h1>Allow Access?</h1>
<p><strong>${escapeHtml(clientId)}</strong> is asking to access your account (${escapeHtml(username)}):</p><ul>${items}</ul>
<form method="post" action="${escapeHtml(action)}">
<input type="hidden" name="step" value="consent">
<button type="submit" name="consent" value="deny">Deny</button>
<button type="submit" name="consent" value="allow">Allow</button>
</form>`,
  );
}

export function errorPage(title: string, message: string): string {
  return layout(title, `<h1>${escapeHtml(title)}</h1><p class="error" role="alert">${escapeHtml(message)}</p>`);
}
