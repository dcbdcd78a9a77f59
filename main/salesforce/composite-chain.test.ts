import { describe, expect, it } from 'vitest';
import { compositeChain } from './composite-chain';
import type { CompositeSubrequest } from './org-client';

const collection = (referenceId: string, parent: string): CompositeSubrequest => ({
  referenceId,
  method: 'POST',
  url: '/composite/sobjects',
  body: { allOrNone: true, records: [{ attributes: { type: 'FieldPermissions' }, ParentId: parent }] },
});

describe('a chain of all-or-none Composites', () => {
  it('sends five collections a call, in order, and fills earlier calls’ ids into later ones', async () => {
    const sent: CompositeSubrequest[][] = [];
    const client = {
      compositeAllOrNone(requests: CompositeSubrequest[]) {
        sent.push(requests);
        return Promise.resolve(
          new Map(requests.map((r) => [r.referenceId, r.referenceId === 'set' ? { id: '0PS1' } : [{ id: `${r.referenceId}-row` }]])),
        );
      },
    };
    const requests = [
      { referenceId: 'set', method: 'POST' as const, url: '/sobjects/PermissionSet', body: { Name: 'A' } },
      ...['f0', 'f1', 'f2', 'f3', 'f4', 'f5'].map((ref) => collection(ref, '@{set.id}')),
      {
        referenceId: 'assignment',
        method: 'POST' as const,
        url: '/sobjects/PermissionSetAssignment',
        body: { PermissionSetId: '@{set.id}' },
      },
    ];

    const bodies = await compositeChain(client, requests);

    expect(sent.map((call) => call.map((r) => r.referenceId))).toEqual([
      ['set', 'f0', 'f1', 'f2', 'f3', 'f4'],
      ['f5', 'assignment'],
    ]);
    // Inside the first call Salesforce resolves the reference itself; the second call gets the id.
    expect(JSON.stringify(sent[0])).toContain('@{set.id}');
    expect(JSON.stringify(sent[1])).not.toContain('@{');
    expect(JSON.stringify(sent[1])).toContain('0PS1');
    expect([...bodies.keys()]).toEqual(requests.map((r) => r.referenceId));
  });

  it('stops at the first call that fails: nothing after it is sent', async () => {
    let calls = 0;
    const client = {
      compositeAllOrNone() {
        calls++;
        return Promise.reject(new Error('refused'));
      },
    };
    await expect(
      compositeChain(
        client,
        ['a', 'b', 'c', 'd', 'e', 'f'].map((r) => collection(r, 'x')),
      ),
    ).rejects.toThrow('refused');
    expect(calls).toBe(1);
  });
});
