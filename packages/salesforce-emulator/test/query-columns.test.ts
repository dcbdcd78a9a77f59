/** `columns=true` (fact QUERY-COLUMNS): the query's column metadata, as `sf data query` reads it first. */
import { describe, expect, it } from 'vitest';
import { restFetch, signedInEmulator } from './test-helpers';

const t = signedInEmulator();

interface Column {
  columnName: string;
  apexType: string | null;
  foreignKeyName: string | null;
  aggregate: boolean;
  textType: boolean;
  joinColumns: Column[];
}
interface Columns {
  columnMetadata: Column[];
  entityName: string;
  groupBy: boolean;
  idSelected: boolean;
  keyPrefix: string | null;
}

const columns = async (soql: string, path = '/query'): Promise<{ status: number; body: Columns }> => {
  const res = await restFetch(t.emu, t.conn.accessToken ?? '', `${path}?q=${encodeURIComponent(soql)}&columns=true`);
  return { status: res.status, body: res.body as Columns };
};

describe('query column metadata', () => {
  it('answers the selected columns of User, not its records', async () => {
    const { status, body } = await columns('SELECT Id, Username FROM User');
    expect(status).toBe(200);
    expect(body).not.toHaveProperty('records');
    expect(body.columnMetadata.map((c) => [c.columnName, c.apexType, c.textType])).toEqual([
      ['Id', 'Id', false],
      ['Username', 'String', true],
    ]);
    expect(body).toMatchObject({ entityName: 'User', groupBy: false, idSelected: true, keyPrefix: '005' });
  });

  it('nests fields read through a relationship under it, once per relationship', async () => {
    const { body } = await columns('SELECT Name, Owner.Name, Owner.Username FROM Account');
    expect(body.idSelected).toBe(false);
    const owner = body.columnMetadata.find((c) => c.columnName === 'Owner');
    expect(owner).toMatchObject({ foreignKeyName: 'OwnerId', apexType: null });
    expect(owner?.joinColumns.map((c) => c.columnName)).toEqual(['Name', 'Username']);
    expect(body.columnMetadata).toHaveLength(2);
  });

  it('answers an aggregate as one aggregate column, on queryAll too', async () => {
    const { body } = await columns('SELECT COUNT(Id) FROM Account', '/queryAll');
    expect(body.columnMetadata).toEqual([expect.objectContaining({ columnName: 'expr0', aggregate: true })]);
  });

  it('refuses what the query itself would refuse', async () => {
    expect((await columns('SELECT Nope FROM User')).status).toBe(400);
    expect((await columns('SELECT Id FROM NoSuchObject')).status).toBe(400);
  });
});
