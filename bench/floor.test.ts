import { describe, expect, it } from 'vitest';
import { disableFloor, enableBudget, enableFloor, ENABLE_CHAIN, fieldCollections } from './floor';

describe('the theoretical floor and the request budget', () => {
  it('needs one FieldPermissions collection per started 200 fields', () => {
    expect(fieldCollections(0)).toBe(0);
    expect(fieldCollections(1)).toBe(1);
    expect(fieldCollections(200)).toBe(1);
    expect(fieldCollections(201)).toBe(2);
    expect(fieldCollections(1000)).toBe(5);
  });

  it('adds the collections to the dependency chain of nine requests', () => {
    expect(ENABLE_CHAIN.reduce((sum, link) => sum + link.requests, 0)).toBe(9);
    expect(enableFloor(10)).toBe(10);
    expect(enableFloor(200)).toBe(10);
    expect(enableFloor(1000)).toBe(14);
  });

  it('allows 11 + ⌈F/200⌉ requests for one enable, always above the floor', () => {
    expect(enableBudget(10)).toBe(12);
    expect(enableBudget(1000)).toBe(16);
    for (const f of [0, 10, 199, 200, 201, 1000, 5000]) expect(enableBudget(f)).toBeGreaterThan(enableFloor(f));
  });

  it('takes the app and the user down in six requests whatever F is', () => {
    expect(disableFloor()).toBe(6);
  });
});
