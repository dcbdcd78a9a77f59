import { afterEach, describe, expect, it } from 'vitest';
import type { EmulatorSwitches } from '../../../packages/salesforce-emulator/index';
import { startHarness, type Harness } from '../../../test/support/connection/harness';
import { ourLeftovers } from '../../../test/support/connection/org-state';
import { withAddedFields } from '../../../common';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.emulator.stop();
  harness = undefined;
});

const soapFault = (code: string, message: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><soapenv:Fault><faultcode>sf:${code}</faultcode><faultstring>${code}: ${message}</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>`;

// The emulator's own tests show that with `collated` an implicit order really breaks (composite.test.ts).
describe.each<EmulatorSwitches['compositeOrder']>(['collated', 'inOrder'])(
  'Composite order %s (fact COMPOSITE-ORDER)',
  (compositeOrder) => {
    it('enable, Update access and disable all work and leave nothing behind', async () => {
      harness = await startHarness({ activationDelayMs: 0, switches: { compositeOrder } });
      const h = harness;
      expect((await h.run(() => h.services.connection.planAndRun('enable'))).status).toBe('connected');

      await h.services.agent.updateAccessProfile(withAddedFields(h.services.agent.accessProfile(), 'Contact', ['Preferred_Channel__c']));
      expect((await h.run(() => h.services.connection.planAndRun('updateAccess'))).status).toBe('connected');
      expect(h.emulator.state().fieldPermissions.some((f) => f.Field === 'Contact.Preferred_Channel__c')).toBe(true);

      const off = await h.run(() => h.services.connection.planAndRun('disable'));
      expect(off.status).toBe('off');
      expect(ourLeftovers(h.emulator.state())).toEqual([]);
    });

    it('a failed enable takes its grants back, one sObject type per delete (fact COLLECTIONS-MIXED-DELETE)', async () => {
      harness = await startHarness({ activationDelayMs: 0, switches: { compositeOrder } });
      const h = harness;
      const grantsBefore = h.emulator.state().objectPermissions.length + h.emulator.state().fieldPermissions.length;
      h.emulator.addFault({
        soapOperation: 'createMetadata',
        nth: 1,
        times: 1_000,
        respond: {
          status: 500,
          contentType: 'text/xml;charset=UTF-8',
          body: soapFault('INSUFFICIENT_ACCESS', 'insufficient access rights on object id'),
        },
      });
      h.emulator.clearRequests();

      const failed = await h.run(() => h.services.connection.planAndRun('enable'));

      expect(failed.status).toBe('error');
      expect(failed.leftovers ?? []).toEqual([]);
      const deletes = h.emulator.requests().filter((r) => r.method === 'DELETE' && r.path.endsWith('/composite/sobjects'));
      expect(deletes).toHaveLength(2);
      h.emulator.clearFaults();
      expect(ourLeftovers(h.emulator.state())).toEqual([]);
      expect(h.emulator.state().objectPermissions.length + h.emulator.state().fieldPermissions.length).toBe(grantsBefore);
    });
  },
);

describe('per-record results inside a Composite', () => {
  it('a grant Salesforce refused inside an otherwise successful Composite fails the enable, naming the record and its code', async () => {
    harness = await startHarness({ activationDelayMs: 0 });
    const h = harness;
    const refused = {
      success: false,
      errors: [
        {
          statusCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
          message: 'Object Name: bad value for restricted picklist field: Account',
          fields: ['SobjectType'],
        },
      ],
    };
    const enable = await h.reviewed('enable');
    // The setup Composite answers that one grant was refused while its HTTP status says 200.
    h.emulator.addFault({
      method: 'POST',
      path: '/composite$',
      nth: 2,
      times: 1,
      respond: {
        status: 200,
        body: { compositeResponse: [{ referenceId: 'objects0', httpStatusCode: 200, httpHeaders: {}, body: [refused] }] },
      },
    });

    const failed = await h.run(enable);

    expect(failed.status).toBe('error');
    expect(String(failed.error?.params?.detail)).toMatch(/^INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST: Record #1: Object Name: bad value/);
    expect(failed.leftovers ?? []).toEqual([]);
  });
});
