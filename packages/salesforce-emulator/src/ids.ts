/**
 * Salesforce-style identifiers: 18-character record ids (15 case-sensitive characters plus the
 * 3-character case-folding checksum Salesforce appends), opaque tokens and consumer keys.
 */
import { randomBytes } from 'node:crypto';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SUFFIX = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

export function randomBase62(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const b of bytes) out += BASE62[b % 62];
  return out;
}

/** The 3-character suffix that makes a 15-character id case-insensitively unique. */
export function idChecksum(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15.charAt(chunk * 5 + i);
      if (c >= 'A' && c <= 'Z') bits |= 1 << i;
    }
    suffix += SUFFIX[bits];
  }
  return suffix;
}

/** A new 18-character id with the given 3-character key prefix. */
export function newId(keyPrefix: string): string {
  // "8d" mimics a pod/instance identifier; "0" padding keeps ids looking real.
  const id15 = `${keyPrefix}8d0${randomBase62(9)}`;
  return id15 + idChecksum(id15);
}

export function isIdShape(value: string): boolean {
  return /^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/.test(value);
}

/** Salesforce accepts a 15-character id wherever an 18-character one is expected. */
export function sameId(a: string, b: string): boolean {
  if (a.length === b.length) return a === b;
  return a.slice(0, 15) === b.slice(0, 15);
}

/** Opaque session token `00D...!...` (never three dot-separated parts, so jsforce does not treat it as a JWT). */
export function newAccessToken(orgId: string): string {
  return `${orgId.slice(0, 15)}!${randomBase62(96)}`;
}

export function newRefreshToken(): string {
  return `5Aep861${randomBase62(80)}`;
}

export function newConsumerKey(): string {
  return `3MVG9${randomBase62(80)}`;
}

export function newConsumerSecret(): string {
  return randomBytes(32).toString('hex').toUpperCase();
}

export function newOpaque(length = 32): string {
  return randomBase62(length);
}
