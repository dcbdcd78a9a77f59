// @peculiar/x509 resolves its algorithms through tsyringe, which needs the Reflect metadata polyfill.
import 'reflect-metadata';
import { X509Certificate, createPrivateKey, createSign, randomBytes, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

// Node's webcrypto is the Web Crypto API the library expects; the DOM type is not in this project's lib.
x509.cryptoProvider.set(webcrypto);

/** The agent's credentials: the private key stays in the vault, the certificate goes to Salesforce. */
export interface AgentKeyPair {
  privateKeyPem: string;
  certificatePem: string;
  /** The certificate's end (ISO): the app warns before it (certificate-expiry.ts). */
  notAfter: string;
}

const algorithm = {
  name: 'RSASSA-PKCS1-v1_5',
  hash: 'SHA-256',
  publicExponent: new Uint8Array([1, 0, 1]),
  modulusLength: 2048,
} as const;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * An RSA key pair and a self-signed X.509 certificate valid for `lifetimeDays` (setting
 * `certificateLifetimeDays`), made locally (JWT bearer needs no secret from Salesforce).
 */
export async function createAgentKeyPair(commonName: string, now: Date, lifetimeDays = 365): Promise<AgentKeyPair> {
  const notAfter = new Date(now.getTime() + lifetimeDays * DAY_MS);
  const keys = await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomBytes(8).toString('hex'),
    name: `CN=${commonName.replace(/[,=+<>#;"\\]/g, ' ')}`,
    notBefore: new Date(now.getTime() - 60_000),
    notAfter,
    signingAlgorithm: algorithm,
    keys,
    extensions: [new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true)],
  });
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  const privateKeyPem = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }).export({ type: 'pkcs8', format: 'pem' }).toString();
  return { privateKeyPem, certificatePem: certificate.toString('pem'), notAfter: notAfter.toISOString() };
}

/** A certificate's end (ISO), read from its PEM; null when it cannot be read (older records keep only the PEM). */
export function certificateNotAfter(certificatePem: string): string | null {
  try {
    const end = new Date(new X509Certificate(certificatePem).validTo);
    return Number.isNaN(end.getTime()) ? null : end.toISOString();
  } catch {
    return null;
  }
}

/** The certificate's SHA-256 fingerprint as Salesforce and openssl print it (AB:CD:…); null when it cannot be read. */
export function certificateFingerprint(certificatePem: string): string | null {
  try {
    return new X509Certificate(certificatePem).fingerprint256;
  } catch {
    return null;
  }
}

const base64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');

export interface JwtClaims {
  iss: string;
  sub: string;
  aud: string;
  /** Seconds since the epoch. */
  exp: number;
}

/** An RS256 JWT bearer assertion (RFC 7523), signed with the agent's private key. */
export function signJwt(claims: JwtClaims, privateKeyPem: string): string {
  const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }));
  const payload = base64url(JSON.stringify(claims));
  const signer = createSign('RSA-SHA256');
  signer.update(`${header}.${payload}`);
  return `${header}.${payload}.${base64url(signer.sign(privateKeyPem))}`;
}
