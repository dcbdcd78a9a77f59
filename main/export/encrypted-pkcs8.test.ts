import { execFileSync, spawnSync } from 'node:child_process';
import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encryptPrivateKey, PBKDF2_ITERATIONS } from './encrypted-pkcs8';

const PASSPHRASE = 'correct horse battery staple';
const hasOpenssl = spawnSync('openssl', ['version']).status === 0;
const dir = mkdtempSync(join(tmpdir(), 'agent-connections-key-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const plainPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const encrypted = encryptPrivateKey(plainPem, PASSPHRASE);

describe('the exported agent key', () => {
  it('is encrypted PKCS#8 that Node opens with the passphrase, and only with it', async () => {
    const pem = await encrypted;
    expect(pem).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----\n/);
    const opened = createPrivateKey({ key: pem, passphrase: PASSPHRASE });
    expect(opened.export({ type: 'pkcs8', format: 'pem' })).toBe(plainPem);
    expect(() => createPrivateKey({ key: pem, passphrase: 'wrong passphrase!!' })).toThrow();
  });

  // The machine running the tests may lack the openssl binary; Node's check above still ran.
  it.skipIf(!hasOpenssl)('opens with `openssl pkey` and costs at least 600,000 PBKDF2-SHA256 iterations', async () => {
    const file = join(dir, 'agent.key');
    writeFileSync(file, await encrypted, { mode: 0o600 });
    expect(spawnSync('openssl', ['pkey', '-passin', `pass:${PASSPHRASE}`, '-in', file, '-noout']).status).toBe(0);
    expect(spawnSync('openssl', ['pkey', '-passin', 'pass:wrong passphrase!!', '-in', file, '-noout']).status).not.toBe(0);
    const structure = execFileSync('openssl', ['asn1parse', '-in', file], { encoding: 'utf8' });
    expect(structure).toMatch(/:PBES2/);
    expect(structure).toMatch(/:hmacWithSHA256/);
    expect(structure).toMatch(/:aes-256-cbc/);
    const afterPbkdf2 = structure.slice(structure.indexOf(':PBKDF2'));
    const iterations = parseInt(/prim: INTEGER\s+:([0-9A-F]+)/.exec(afterPbkdf2)?.[1] ?? '0', 16);
    expect(iterations).toBeGreaterThanOrEqual(600_000);
    expect(iterations).toBe(PBKDF2_ITERATIONS);
  });
});
