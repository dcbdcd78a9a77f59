import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type Page } from '@playwright/test';
import { WebSocket } from 'ws';
import { startBrowserApp, type BrowserApp } from '../support/browser-app';

/**
 * Replays a security review of browser mode: cookies are shared by every port on 127.0.0.1, so a
 * process listening on another port sees (and can plant) whatever cookie the app's page holds, and
 * curl forges any Origin. None of that may reach the admin's settings, the agent's access or its
 * credentials, or lock the admin's own page out.
 */

let browserApp: BrowserApp;
test.afterEach(() => browserApp.stop());

async function openApp(page: Page): Promise<void> {
  await page.goto(browserApp.startUrl());
  await expect(page.getByRole('heading', { name: 'Agent connections' })).toBeVisible();
}

const nav = (page: Page, name: string) => page.getByRole('navigation').getByRole('button', { name, exact: true });

/** The Activity screen loads the audit log through the API, so it shows whether the page's calls work. */
async function expectActivityLoads(page: Page): Promise<void> {
  await nav(page, 'Activity').click();
  await expect(page.getByRole('heading', { name: 'Activity' })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await nav(page, 'Connectors').click();
}

/** What curl sends with the cookies the browser holds for 127.0.0.1 and a forged Origin: no page secret. */
function replay(operation: string, cookie: string, body: unknown) {
  return fetch(`${browserApp.origin}/api/${operation}`, {
    method: 'POST',
    headers: { origin: browserApp.origin, cookie, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

function socketOutcome(protocols: string[], headers: Record<string, string>): Promise<string> {
  const socket = new WebSocket(`${browserApp.origin.replace('http', 'ws')}/events`, protocols, { headers });
  return new Promise((resolve) => {
    socket.once('open', () => {
      socket.close();
      resolve('open');
    });
    socket.once('error', (error) => resolve(error.message));
  });
}

/** Another local process: its page plants cookies of the app's session name for all of 127.0.0.1. */
async function startOtherLocalSite(): Promise<{ origin: string; server: Server }> {
  const server = createServer((_request, response) => {
    response.writeHead(200, {
      'content-type': 'text/html',
      'set-cookie': ['agent_connections_session=planted; Path=/', 'agent_connections_session=planted-api; Path=/api'],
    });
    response.end('<!doctype html><title>Another local app</title><h1>Another local app</h1>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

test('a cookie with a forged Origin reads nothing, changes nothing and exports nothing, on HTTP or the socket', async ({
  page,
  context,
}) => {
  browserApp = await startBrowserApp();
  await openApp(page);
  const accessBefore = await browserApp.app.handlers['agent.accessProfile.get']({});
  const held = (await context.cookies(browserApp.origin)).map((c) => `${c.name}=${c.value}`);
  // The app sets no cookie at all; what another process on 127.0.0.1 could have seen or guessed is tried too.
  expect(held).toEqual([]);
  const cookie = [...held, 'agent_connections_session=harvested'].join('; ');

  const attempts = [
    await replay('settings.get', cookie, {}),
    await replay('settings.update', cookie, { language: 'sv' }),
    await replay('agent.accessProfile.update', cookie, { ...accessBefore, objects: [] }),
    await replay('connection.exportCredentials', cookie, { passphrase: 'correct horse battery staple' }),
  ];
  for (const response of attempts) {
    expect(response.status).toBe(401);
    expect(await response.text()).toContain('Open the new address printed by "npm run web"');
  }
  expect(browserApp.app.settings.get().language).not.toBe('sv');
  expect(await browserApp.app.handlers['agent.accessProfile.get']({})).toEqual(accessBefore);

  expect(await socketOutcome(['agent-connections'], { origin: browserApp.origin, cookie })).toMatch(/403/);
  expect(await socketOutcome(['agent-connections', 'agent-connections.session.harvested'], { origin: browserApp.origin, cookie })).toMatch(
    /403/,
  );

  // The admin's own page, holding the secret, still works.
  await expectActivityLoads(page);
});

test('a page on another loopback port plants duplicate session cookies and cannot lock the admin out, nor drive the app', async ({
  page,
  context,
}) => {
  browserApp = await startBrowserApp();
  const other = await startOtherLocalSite();
  try {
    await openApp(page);
    const attacker = await context.newPage();
    await attacker.goto(other.origin);
    const planted = (await context.cookies([browserApp.origin, `${browserApp.origin}/api/settings.get`])).filter(
      (c) => c.name === 'agent_connections_session',
    );
    expect(new Set(planted.map((c) => c.value))).toEqual(new Set(['planted', 'planted-api']));

    const fromAttacker = await attacker.evaluate(async (appOrigin) => {
      const outcome: Record<string, string> = {};
      try {
        const response = await fetch(`${appOrigin}/api/settings.get`, {
          method: 'POST',
          credentials: 'include',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        });
        outcome.read = String(response.status);
      } catch {
        outcome.read = 'blocked';
      }
      // A "simple" request needs no preflight: the browser sends it, the answer stays opaque.
      await fetch(`${appOrigin}/api/settings.update`, {
        method: 'POST',
        mode: 'no-cors',
        credentials: 'include',
        body: '{"language":"sv"}',
      }).catch(() => undefined);
      outcome.socket = await new Promise<string>((resolve) => {
        const socket = new WebSocket(`${appOrigin.replace('http', 'ws')}/events`, ['agent-connections']);
        socket.onopen = () => resolve('open');
        socket.onerror = () => resolve('refused');
      });
      return outcome;
    }, browserApp.origin);
    expect(fromAttacker).toEqual({ read: 'blocked', socket: 'refused' });
    expect(browserApp.app.settings.get().language).not.toBe('sv');

    // The admin's page that was already open, and one opened after the planting, both still work.
    await page.bringToFront();
    await expectActivityLoads(page);
    const later = await context.newPage();
    await openApp(later);
    await expectActivityLoads(later);
  } finally {
    await new Promise((resolve) => other.server.close(resolve));
  }
});

test('a one-time link opened after it expired is refused, and the newly printed one works', async ({ page }) => {
  browserApp = await startBrowserApp({ tokenMs: 1500 });
  const stale = browserApp.startUrl();
  await page.waitForTimeout(1800);
  await page.goto(stale);
  await expect(
    page.getByText(
      'This link has expired or was already used. Open the new address printed by "npm run web" in the terminal where it runs.',
    ),
  ).toBeVisible();
  expect(browserApp.announcedUrls).toHaveLength(1);
  await page.goto(browserApp.announcedUrls[0]!);
  await expect(page.getByRole('heading', { name: 'Agent connections' })).toBeVisible();
});

test('an idle session ends: the page says to open the newly printed address, and one is printed', async ({ page }) => {
  // Long enough that a busy machine's page load and first calls come in well within it.
  browserApp = await startBrowserApp({ idleMs: 15_000 });
  await openApp(page);
  await expectActivityLoads(page);
  await expect.poll(() => browserApp.announcedUrls.length, { timeout: 60_000 }).toBe(1);

  await nav(page, 'Activity').click();
  await expect(page.getByRole('alert')).toContainText(
    'This browser session has ended. Open the new address that "npm run web" printed in its terminal.',
  );

  await page.goto(browserApp.announcedUrls[0]!);
  await expectActivityLoads(page);
});

test('a reloaded page has no secret any more and is told where to go', async ({ page }) => {
  browserApp = await startBrowserApp();
  await openApp(page);
  await expect(page).toHaveURL(`${browserApp.origin}/`);
  await page.reload();
  await expect(
    page.getByText('This browser session has ended. Open the new address printed by "npm run web" in the terminal where it runs.'),
  ).toBeVisible();
});
