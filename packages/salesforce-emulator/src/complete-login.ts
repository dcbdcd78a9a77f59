/**
 * Stands in for the admin at the system browser: opens the app's authorize URL at the Salesforce
 * emulator, fills in its login form, presses Allow (or Deny) on its consent page and follows the
 * redirect to the app's loopback callback, as a browser would. Resolves once the callback answered.
 */
export async function completeEmulatorLogin(
  authorizeUrl: string,
  credentials: { username: string; password: string },
  options: { consent?: 'allow' | 'deny' } = {},
): Promise<void> {
  const loginPage = await getPage(authorizeUrl);
  const login = formOf(loginPage, authorizeUrl);
  const afterLogin = await post(login.action, { ...login.fields, username: credentials.username, password: credentials.password });
  const consentPage = await afterLogin.text();
  const cookie = afterLogin.headers.get('set-cookie')?.split(';')[0];
  if (!cookie) throw new Error(`The emulator did not accept the login: ${alertOf(consentPage) ?? afterLogin.status}`);
  const consent = formOf(consentPage, authorizeUrl);
  const decision = await post(consent.action, { ...consent.fields, consent: options.consent ?? 'allow' }, cookie);
  const callback = decision.headers.get('location');
  if (decision.status !== 302 || !callback) throw new Error(`The emulator did not redirect back to the app (HTTP ${decision.status}).`);
  await (await fetch(callback, { redirect: 'manual' })).arrayBuffer();
}

async function getPage(url: string): Promise<string> {
  const response = await fetch(url, { redirect: 'manual' });
  if (response.status !== 200)
    throw new Error(`The emulator's authorize page answered HTTP ${response.status}: ${response.headers.get('location') ?? ''}`);
  return response.text();
}

function post(url: string, fields: Record<string, string>, cookie?: string): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
    body: new URLSearchParams(fields).toString(),
  });
}

/** The page's form: where it posts and its hidden fields. */
function formOf(html: string, pageUrl: string): { action: string; fields: Record<string, string> } {
  const action = /<form[^>]*action="([^"]*)"/i.exec(html)?.[1];
  if (action === undefined) throw new Error(`Expected a form on the emulator page: ${alertOf(html) ?? html.slice(0, 200)}`);
  const fields: Record<string, string> = {};
  for (const input of html.matchAll(/<input[^>]*type="hidden"[^>]*>/gi)) {
    const name = /name="([^"]*)"/.exec(input[0])?.[1];
    if (name) fields[decodeEntities(name)] = decodeEntities(/value="([^"]*)"/.exec(input[0])?.[1] ?? '');
  }
  return { action: new URL(decodeEntities(action), pageUrl).toString(), fields };
}

function alertOf(html: string): string | undefined {
  const text = /role="alert"[^>]*>([^<]*)</.exec(html)?.[1];
  return text === undefined ? undefined : decodeEntities(text);
}

function decodeEntities(text: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  return text.replace(/&(#\d+|[a-z]+);/gi, (whole, entity: string) =>
    entity.startsWith('#') ? String.fromCharCode(Number(entity.slice(1))) : (named[entity.toLowerCase()] ?? whole),
  );
}
