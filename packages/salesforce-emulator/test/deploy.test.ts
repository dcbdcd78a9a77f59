import type { Connection } from 'jsforce';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { expectError, mdApi, signedInEmulator, signIn } from './test-helpers';
import { startEmulator } from '../index';

/** Fact ECA-CRUD-CALLS: deploy and retrieve of the External Client App types, checked as the CRUD calls check them. */
const t = signedInEmulator();

const NS = 'http://soap.sforce.com/2006/04/metadata';
const pkg = (type?: string, members: string[] = []) =>
  `<?xml version="1.0" encoding="UTF-8"?><Package xmlns="${NS}">${type ? `<types>${members.map((m) => `<members>${m}</members>`).join('')}<name>${type}</name></types>` : ''}<version>66.0</version></Package>`;
const file = (type: string, body: string) => `<?xml version="1.0" encoding="UTF-8"?><${type} xmlns="${NS}">${body}</${type}>`;
const zip = (files: Record<string, string>) =>
  Buffer.from(zipSync(Object.fromEntries(Object.entries(files).map(([p, text]) => [p, strToU8(text)])))).toString('base64');

interface FileApi {
  deploy(zip: string, options: Record<string, boolean>): PromiseLike<{ id: string; done: boolean }>;
  checkDeployStatus(id: string, includeDetails: boolean): Promise<Record<string, unknown>>;
  retrieve(request: Record<string, unknown>): PromiseLike<{ id: string }>;
  checkRetrieveStatus(id: string): Promise<{ done: boolean; status: string; zipFile: string; messages: { problem: string }[] }>;
}
const api = (conn: Connection) => conn.metadata as unknown as FileApi;

async function deployed(conn: Connection, files: Record<string, string>, options: Record<string, boolean> = { singlePackage: true }) {
  const started = await api(conn).deploy(zip(files), options);
  expect(started.done).toBe(false);
  const first = await api(conn).checkDeployStatus(started.id, true);
  expect(first).toMatchObject({ done: false, status: 'InProgress' });
  return api(conn).checkDeployStatus(started.id, true);
}

const header = file(
  'ExternalClientApplication',
  '<contactEmail>admin@customer.example</contactEmail><distributionState>Local</distributionState><label>Deployed</label>',
);

describe('deploy and retrieve of External Client Apps', () => {
  it('a deploy stores what upsertMetadata would, and a retrieve gives it back as files', async () => {
    const status = await deployed(t.conn, {
      'package.xml': pkg('ExternalClientApplication', ['Deployed_App']),
      'externalClientApps/Deployed_App.eca': header,
    });
    expect(status).toMatchObject({ done: true, status: 'Succeeded', success: true, numberComponentsDeployed: 1 });
    expect(await mdApi(t.conn).read('ExternalClientApplication', 'Deployed_App')).toMatchObject({
      label: 'Deployed',
      distributionState: 'Local',
    });

    const started = await api(t.conn).retrieve({
      apiVersion: '66.0',
      singlePackage: true,
      unpackaged: { types: [{ members: ['Deployed_App', 'Nope'], name: 'ExternalClientApplication' }] },
    });
    expect((await api(t.conn).checkRetrieveStatus(started.id)).done).toBe(false);
    const done = await api(t.conn).checkRetrieveStatus(started.id);
    expect(done.status).toBe('Succeeded');
    const files = unzipSync(Buffer.from(done.zipFile, 'base64'));
    expect(strFromU8(files['externalClientApps/Deployed_App.eca'] ?? new Uint8Array())).toContain('<label>Deployed</label>');
    expect(JSON.stringify(done.messages)).toContain("named 'Nope' cannot be found");
  });

  it('a refused component fails the whole deploy and nothing of it stays (rollbackOnError)', async () => {
    const status = await deployed(t.conn, {
      'package.xml': `<?xml version="1.0" encoding="UTF-8"?><Package xmlns="${NS}"><types><members>Half_App</members><name>ExternalClientApplication</name></types><types><members>Half_oauth</members><name>ExtlClntAppOauthSettings</name></types><version>66.0</version></Package>`,
      'externalClientApps/Half_App.eca': header,
      'extlClntAppOauthSettings/Half_oauth.ecaOauth': file(
        'ExtlClntAppOauthSettings',
        '<externalClientApplication>Other_App</externalClientApplication><label>x</label>',
      ),
    });
    expect(status).toMatchObject({ done: true, status: 'Failed', success: false, numberComponentsDeployed: 0 });
    expect(JSON.stringify((status.details as { componentFailures: unknown }).componentFailures)).toContain(
      'no ExternalClientApplication named Other_App found',
    );
    expect(await mdApi(t.conn).read('ExternalClientApplication', 'Half_App')).toEqual({});
  });

  it('package.xml naming a component without its file is a component failure', async () => {
    const status = await deployed(t.conn, { 'package.xml': pkg('ExternalClientApplication', ['Ghost_App']) });
    expect(status).toMatchObject({ status: 'Failed' });
    expect(JSON.stringify(status.details)).toContain(
      "An object 'Ghost_App' of type ExternalClientApplication was named in package.xml, but was not found",
    );
  });

  it('a destructive deploy removes; a name already gone is a warning, a failure unless ignoreWarnings', async () => {
    await deployed(t.conn, { 'package.xml': pkg('ExternalClientApplication', ['Gone_App']), 'externalClientApps/Gone_App.eca': header });
    // The header's generated policies go with it (removals run satellites first, fact ECA-DELETE-CASCADE).
    const destructive = pkg('ExternalClientApplication', ['Gone_App', 'Never_App']).replace(
      '<version>',
      '<types><members>Gone_App_defaultPolicy</members><name>ExtlClntAppConfigurablePolicies</name></types><version>',
    );
    const removal = { 'package.xml': pkg(), 'destructiveChanges.xml': destructive };
    expect(await deployed(t.conn, removal)).toMatchObject({ status: 'Failed' });
    const removed = await deployed(t.conn, removal, { ignoreWarnings: true, singlePackage: true });
    expect(removed).toMatchObject({ status: 'Succeeded', success: true });
    expect(JSON.stringify(removed.details)).toContain('No ExternalClientApplication named: Never_App found');
    expect(await mdApi(t.conn).read('ExternalClientApplication', 'Gone_App')).toEqual({});
  });
});

describe('ecaCrudCalls=refused', () => {
  it('the CRUD calls on the app types fault INVALID_TYPE; listMetadata and deploy still serve them', async () => {
    const emu = await startEmulator({ switches: { ecaCrudCalls: 'refused' } });
    try {
      const conn = await signIn(emu);
      const refused = await expectError(() => mdApi(conn).read('ExternalClientApplication', 'Anything'));
      expect(refused.message).toBe('INVALID_TYPE: This type of metadata is not available for this organization');
      expect(Array.isArray(await mdApi(conn).list({ type: 'ExternalClientApplication' }))).toBe(true);
      const status = await deployed(conn, {
        'package.xml': pkg('ExternalClientApplication', ['Only_Deploy']),
        'externalClientApps/Only_Deploy.eca': header,
      });
      expect(status).toMatchObject({ status: 'Succeeded' });
    } finally {
      await emu.stop();
    }
  });
});
