import { describe, expect, it } from 'vitest';
import { integrationProfileId, pslId, restFetch, signedInEmulator, signIn, soapEnvelope, userBody, VERSION } from './test-helpers';
import { startEmulator, type StartedEmulator } from '../index';
import type { EmulatorSwitches } from '../src/switches';

const t = signedInEmulator();
const base = `/services/data/v${VERSION}`;

interface SubResponse {
  httpStatusCode: number;
  referenceId: string;
  body: unknown;
}

async function composite(emu: StartedEmulator, token: string, body: Record<string, unknown>): Promise<SubResponse[]> {
  const res = await restFetch(emu, token, '/composite', { method: 'POST', body: JSON.stringify(body) });
  expect(res.status).toBe(200);
  return (res.body as { compositeResponse: SubResponse[] }).compositeResponse;
}

/** What Enable sends: the licence assignment has no reference to tie it before the permission set assignment. */
async function enableShaped(emu: StartedEmulator, name: string): Promise<Record<string, unknown>[]> {
  const conn = await signIn(emu);
  const [profileId, licenceId] = [await integrationProfileId(conn), await pslId(conn)];
  return [
    { method: 'POST', url: `${base}/sobjects/PermissionSet`, referenceId: 'permissionSet', body: { Name: name, Label: name } },
    {
      method: 'POST',
      url: `${base}/composite/sobjects`,
      referenceId: 'objects0',
      body: {
        allOrNone: true,
        records: [
          { attributes: { type: 'ObjectPermissions' }, ParentId: '@{permissionSet.id}', SobjectType: 'Account', PermissionsRead: true },
        ],
      },
    },
    { method: 'POST', url: `${base}/sobjects/User`, referenceId: 'user', body: userBody(profileId) },
    {
      method: 'POST',
      url: `${base}/sobjects/PermissionSetLicenseAssign`,
      referenceId: 'licence',
      body: { AssigneeId: '@{user.id}', PermissionSetLicenseId: licenceId },
    },
    {
      method: 'POST',
      url: `${base}/sobjects/PermissionSetAssignment`,
      referenceId: 'assignment',
      body: { AssigneeId: '@{user.id}', PermissionSetId: '@{permissionSet.id}' },
    },
  ];
}

async function withEmulator(
  switches: Partial<EmulatorSwitches>,
  run: (emu: StartedEmulator, token: string) => Promise<void>,
): Promise<void> {
  const emu = await startEmulator({ switches });
  try {
    await run(emu, (await signIn(emu)).accessToken ?? '');
  } finally {
    await emu.stop();
  }
}

describe('Composite order (compositeOrder switch)', () => {
  it('collated (default): subrequests without a reference between them may run out of order, so an implicit order breaks', async () => {
    const token = t.conn.accessToken ?? '';
    const subs = await enableShaped(t.emu, 'Collated_Enable');
    const res = await composite(t.emu, token, { allOrNone: true, compositeRequest: subs });

    // Answers come back in the order sent, but the assignment ran before the licence it needs.
    expect(res.map((r) => r.referenceId)).toEqual(['permissionSet', 'objects0', 'user', 'licence', 'assignment']);
    expect(res.find((r) => r.referenceId === 'assignment')).toMatchObject({
      httpStatusCode: 400,
      body: [{ errorCode: 'FIELD_INTEGRITY_EXCEPTION', message: "The user license doesn't allow the permission: Read Account" }],
    });
    expect(res.filter((r) => r.referenceId !== 'assignment').every((r) => r.httpStatusCode === 400)).toBe(true);
    expect(t.emu.state().permissionSets.some((p) => p.Name === 'Collated_Enable')).toBe(false);
  });

  it('collated: collateSubrequests false runs the subrequests in the order sent', async () => {
    const token = t.conn.accessToken ?? '';
    const subs = await enableShaped(t.emu, 'Ordered_Enable');
    const res = await composite(t.emu, token, { allOrNone: true, collateSubrequests: false, compositeRequest: subs });
    expect(res.map((r) => r.httpStatusCode)).toEqual([201, 200, 201, 201, 201]);
  });

  it('collated: a subrequest still runs after the ones it references', async () => {
    const token = t.conn.accessToken ?? '';
    const res = await composite(t.emu, token, {
      allOrNone: true,
      compositeRequest: [
        { method: 'POST', url: `${base}/sobjects/PermissionSet`, referenceId: 'z', body: { Name: 'Ref_Order', Label: 'Ref Order' } },
        {
          method: 'POST',
          url: `${base}/sobjects/FieldPermissions`,
          referenceId: 'a',
          body: { ParentId: '@{z.id}', SobjectType: 'Account', Field: 'Account.Industry', PermissionsRead: true },
        },
      ],
    });
    expect(res.map((r) => r.httpStatusCode)).toEqual([201, 201]);
  });

  it('collated: deletes with no reference between them run grouped by type, so a permission set can go before its assignment', async () => {
    await withEmulator({}, async (emu, token) => {
      const conn = await signIn(emu);
      const ps = await conn.sobject('PermissionSet').create({ Name: 'Collated_Remove', Label: 'Collated Remove' });
      const psa = await conn.sobject('PermissionSetAssignment').create({ AssigneeId: emu.users.nonAdmin.userId, PermissionSetId: ps.id });
      const removal = [
        { method: 'DELETE', url: `${base}/sobjects/PermissionSetAssignment/${psa.id}`, referenceId: 'removeAssignment' },
        { method: 'DELETE', url: `${base}/sobjects/PermissionSet/${ps.id}`, referenceId: 'removePermissionSet' },
      ];
      const collated = await composite(emu, token, { allOrNone: true, compositeRequest: removal });
      expect(collated.map((r) => r.httpStatusCode)).toEqual([400, 400]);
      const ordered = await composite(emu, token, { allOrNone: true, collateSubrequests: false, compositeRequest: removal });
      expect(ordered.map((r) => r.httpStatusCode)).toEqual([204, 204]);
    });
  });

  it('inOrder: subrequests run in the order sent even without collateSubrequests', async () => {
    await withEmulator({ compositeOrder: 'inOrder' }, async (emu, token) => {
      const subs = await enableShaped(emu, 'InOrder_Enable');
      const res = await composite(emu, token, { allOrNone: true, compositeRequest: subs });
      expect(res.map((r) => r.httpStatusCode)).toEqual([201, 200, 201, 201, 201]);
    });
  });

  it('refuses a collateSubrequests that is not a boolean', async () => {
    const res = await restFetch(t.emu, t.conn.accessToken ?? '', '/composite', {
      method: 'POST',
      body: JSON.stringify({ collateSubrequests: 'no', compositeRequest: [{ method: 'GET', url: `${base}/limits`, referenceId: 'l' }] }),
    });
    expect(res).toMatchObject({ status: 400, body: [{ errorCode: 'JSON_PARSER_ERROR' }] });
  });
});

describe('sObject Collections delete (fact COLLECTIONS-MIXED-DELETE)', () => {
  async function grantRows(): Promise<{ objectId: string; fieldId: string }> {
    const ps = await t.conn.sobject('PermissionSet').create({ Name: 'Mixed_Delete', Label: 'Mixed Delete' });
    const op = await t.conn.sobject('ObjectPermissions').create({ ParentId: ps.id, SobjectType: 'Account', PermissionsRead: true });
    const fp = await t.conn
      .sobject('FieldPermissions')
      .create({ ParentId: ps.id, SobjectType: 'Account', Field: 'Account.Industry', PermissionsRead: true });
    if (!op.success || !fp.success) throw new Error(JSON.stringify([op, fp]));
    return { objectId: op.id, fieldId: fp.id };
  }

  it('refuses the records of a second type when a setup type is involved, and deletes nothing of them', async () => {
    const { objectId, fieldId } = await grantRows();
    const res = await restFetch(t.emu, t.conn.accessToken ?? '', `/composite/sobjects?ids=${fieldId},${objectId}&allOrNone=false`, {
      method: 'DELETE',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject([
      { id: fieldId, success: true },
      { id: objectId, success: false, errors: [{ statusCode: 'MIXED_DML_OPERATION' }] },
    ]);
    expect(t.emu.state().objectPermissions.some((o) => o.Id === objectId)).toBe(true);
  });

  it('deletes one setup type per call, and mixes non-setup types freely', async () => {
    const { objectId, fieldId } = await grantRows();
    for (const id of [fieldId, objectId]) {
      const res = await restFetch(t.emu, t.conn.accessToken ?? '', `/composite/sobjects?ids=${id}`, { method: 'DELETE' });
      expect(res.body).toMatchObject([{ id, success: true }]);
    }
    const account = await t.conn.sobject('Account').create({ Name: 'Mixed Data' });
    const contact = await t.conn.sobject('Contact').create({ LastName: 'Mixed Data' });
    const res = await restFetch(t.emu, t.conn.accessToken ?? '', `/composite/sobjects?ids=${contact.id},${account.id}`, {
      method: 'DELETE',
    });
    expect(res.body).toMatchObject([{ success: true }, { success: true }]);
  });
});

describe('paths and versions real clients send (facts REST-PATHS, API-VERSIONS)', () => {
  it('answers a path with repeated slashes, on REST and on Metadata SOAP', async () => {
    const token = t.conn.accessToken ?? '';
    const rest = await fetch(`${t.emu.instanceUrl}//services/data/v${VERSION}//sobjects/Account/describe`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(rest.status).toBe(200);
    expect(((await rest.json()) as { name: string }).name).toBe('Account');
    const soap = await listMetadata(`//services/Soap/m/${VERSION}`, token);
    expect(soap.status).toBe(200);
    expect(soap.text).toContain('listMetadataResponse');
  });

  it("serves up to v68.0 (Winter '27) and nothing newer", async () => {
    const token = t.conn.accessToken ?? '';
    const listed = (await (await fetch(`${t.emu.instanceUrl}/services/data`)).json()) as { label: string; version: string }[];
    expect(listed.slice(-2)).toEqual([
      expect.objectContaining({ label: "Summer '26", version: '67.0' }),
      expect.objectContaining({ label: "Winter '27", version: '68.0' }),
    ]);
    const get = (version: string) =>
      fetch(`${t.emu.instanceUrl}/services/data/v${version}/limits`, { headers: { authorization: `Bearer ${token}` } });
    expect((await get('68.0')).status).toBe(200);
    expect((await get('69.0')).status).toBe(404);
    expect((await listMetadata('/services/Soap/m/68.0', token)).status).toBe(200);
    const tooNew = await listMetadata('/services/Soap/m/69.0', token);
    expect(tooNew.status).toBe(500);
    expect(tooNew.text).toContain('UNSUPPORTED_API_VERSION');
  });
});

async function listMetadata(path: string, token: string): Promise<{ status: number; text: string }> {
  const res = await fetch(`${t.emu.instanceUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'text/xml', soapaction: '""' },
    body: soapEnvelope(token, '<listMetadata><queries><type>ExternalClientApplication</type></queries></listMetadata>'),
  });
  return { status: res.status, text: await res.text() };
}
