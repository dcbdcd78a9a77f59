import { describe, expect, it } from 'vitest';
import { buildComposites, disableFloor, enableBudget, enableFloor, ENABLE_CHAIN, fieldCollections, fieldRows } from './floor';

describe('the theoretical floor and the request budget', () => {
  it('needs one FieldPermissions collection per started 200 rows, and one Composite per five collections', () => {
    expect(fieldCollections(0)).toBe(0);
    expect(fieldCollections(1)).toBe(1);
    expect(fieldCollections(200)).toBe(1);
    expect(fieldCollections(201)).toBe(2);
    expect(fieldRows(1000)).toBe(1027);
    expect(buildComposites(10)).toBe(1);
    expect(buildComposites(200)).toBe(1);
    expect(buildComposites(1000)).toBe(2);
  });

  it('adds the build Composites to the dependency chain of ten requests', () => {
    expect(ENABLE_CHAIN.reduce((sum, link) => sum + link.requests, 0)).toBe(10);
    expect(enableFloor(10)).toBe(10);
    expect(enableFloor(200)).toBe(10);
    expect(enableFloor(1000)).toBe(11);
  });

  it('allows 10 + ⌈rows/1000⌉ requests for one enable, review included, always above the floor', () => {
    expect(enableBudget(10)).toBe(11);
    expect(enableBudget(200)).toBe(11);
    expect(enableBudget(1000)).toBe(12);
    for (const f of [0, 10, 199, 200, 201, 1000, 5000]) expect(enableBudget(f)).toBeGreaterThan(enableFloor(f));
  });

  it('takes the app and the user down in six requests whatever F is', () => {
    expect(disableFloor()).toBe(6);
  });
});
