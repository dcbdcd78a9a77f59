import type { OrgClient, Row } from '../../main/salesforce/client';
import { SalesforceError } from '../../main/salesforce/errors';

/** What the fake org does on one call: answer, or fail as Salesforce would (transiently or for good). */
export type FakeFault = 'transient' | 'refused';

export interface FakeOrg {
  client: OrgClient;
  /** Records by type, then id. */
  records: Map<string, Map<string, Row>>;
  /** Fails the nth call (1-based) of `method` on `type`; each fault fires once. */
  failOn(method: 'create' | 'destroy', type: string, fault: FakeFault, nth?: number): void;
  /** Runs before each call: e.g. the admin pressing Cancel while a request is in flight. */
  beforeCall?: (method: string, type: string) => void;
  calls: string[];
}

const unsupported = (name: string) => () => Promise.reject(new Error(`the fake org client has no ${name}`));

/** An in-memory org for the engine's unit tests: create, look up and delete records; the rest refuses. */
export function createFakeOrg(): FakeOrg {
  const records = new Map<string, Map<string, Row>>();
  const faults: { method: string; type: string; fault: FakeFault; nth: number }[] = [];
  const counts = new Map<string, number>();
  let next = 1;
  const table = (type: string) => records.get(type) ?? records.set(type, new Map()).get(type) ?? new Map<string, Row>();
  const enter = (method: string, type: string) => {
    org.beforeCall?.(method, type);
    org.calls.push(`${method} ${type}`);
    const key = `${method} ${type}`;
    const count = (counts.get(key) ?? 0) + 1;
    counts.set(key, count);
    const at = faults.findIndex((f) => f.method === method && f.type === type && f.nth === count);
    if (at === -1) return;
    const [fault] = faults.splice(at, 1);
    throw fault?.fault === 'transient'
      ? new SalesforceError('SERVER_UNAVAILABLE', 'Salesforce is briefly unavailable.', [])
      : new SalesforceError('FIELD_INTEGRITY_EXCEPTION', `Salesforce refused the ${type}.`, []);
  };
  const client: OrgClient = {
    instanceUrl: 'https://fake.my.salesforce.com',
    query: (soql) => {
      const type = /FROM (\w+)/.exec(soql)?.[1] ?? '';
      enter('query', type);
      return Promise.resolve([...table(type).values()]);
    },
    create: (type, record) => {
      enter('create', type);
      const id = `${type.slice(0, 3)}${String(next++).padStart(15, '0')}`;
      table(type).set(id, { ...record, Id: id });
      return Promise.resolve(id);
    },
    destroy: (type, id) => {
      enter('destroy', type);
      return Promise.resolve(table(type).delete(id));
    },
    update: unsupported('update'),
    toolingQuery: unsupported('toolingQuery'),
    composite: unsupported('composite'),
    compositeAllOrNone: unsupported('compositeAllOrNone'),
    createMany: unsupported('createMany'),
    updateMany: unsupported('updateMany'),
    destroyMany: unsupported('destroyMany'),
    describe: unsupported('describe'),
    describeGlobal: unsupported('describeGlobal'),
    limits: () => Promise.resolve({ DailyApiRequests: { Max: 15000, Remaining: 0 } }),
    metadata: {
      create: unsupported('metadata.create'),
      update: unsupported('metadata.update'),
      upsert: unsupported('metadata.upsert'),
      read: unsupported('metadata.read'),
      delete: unsupported('metadata.delete'),
      list: unsupported('metadata.list'),
    },
  };
  const org: FakeOrg = {
    client,
    records,
    calls: [],
    failOn(method, type, fault, nth = 1) {
      faults.push({ method, type, fault, nth });
    },
  };
  return org;
}
