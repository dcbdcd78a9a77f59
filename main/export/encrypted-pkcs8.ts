import { createCipheriv, createPrivateKey, pbkdf2, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';

/**
 * OWASP's floor for PBKDF2-HMAC-SHA256 (2023). Node's own PKCS#8 export takes OpenSSL's default of
 * 2,048 iterations, cheap enough to brute-force a passphrase offline, so the envelope is built here.
 */
export const PBKDF2_ITERATIONS = 600_000;

const OID = {
  pbes2: '1.2.840.113549.1.5.13',
  pbkdf2: '1.2.840.113549.1.5.12',
  hmacWithSha256: '1.2.840.113549.2.9',
  aes256Cbc: '2.16.840.1.101.3.4.1.42',
} as const;

const derive = promisify(pbkdf2);

/**
 * The private key as standard encrypted PKCS#8 PEM (RFC 8018 PBES2: PBKDF2-HMAC-SHA256 and
 * AES-256-CBC), which `openssl pkey` and Node's createPrivateKey open with the passphrase.
 */
export async function encryptPrivateKey(privateKeyPem: string, passphrase: string, iterations = PBKDF2_ITERATIONS): Promise<string> {
  const plain = createPrivateKey(privateKeyPem).export({ type: 'pkcs8', format: 'der' });
  const salt = randomBytes(16);
  const iv = randomBytes(16);
  // Derived off the event loop: at this cost a synchronous derivation would freeze the window.
  const key = await derive(Buffer.from(passphrase, 'utf8'), salt, iterations, 32, 'sha256');
  const cipher = createCipheriv('aes-256-cbc', key, iv);
  const encrypted = Buffer.concat([cipher.update(plain), cipher.final()]);
  const info = sequence(
    sequence(
      oid(OID.pbes2),
      sequence(
        sequence(oid(OID.pbkdf2), sequence(octetString(salt), integer(iterations), sequence(oid(OID.hmacWithSha256), nullValue()))),
        sequence(oid(OID.aes256Cbc), octetString(iv)),
      ),
    ),
    octetString(encrypted),
  );
  return pem('ENCRYPTED PRIVATE KEY', info);
}

function pem(label: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

// The few DER types the envelope needs (X.690), definite lengths only.
function tlv(tag: number, content: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), derLength(content.length), content]);
}

function derLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

const sequence = (...items: Buffer[]): Buffer => tlv(0x30, Buffer.concat(items));
const octetString = (value: Buffer): Buffer => tlv(0x04, value);
const nullValue = (): Buffer => tlv(0x05, Buffer.alloc(0));

function integer(value: number): Buffer {
  const bytes: number[] = [];
  for (let rest = value; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  // A set high bit would make the two's-complement value negative.
  if (bytes.length === 0 || (bytes[0] ?? 0) & 0x80) bytes.unshift(0);
  return tlv(0x02, Buffer.from(bytes));
}

function oid(dotted: string): Buffer {
  const [first = 0, second = 0, ...rest] = dotted.split('.').map(Number);
  const body = [40 * first + second];
  for (const arc of rest) {
    const base128: number[] = [];
    for (let value = arc; ; value = Math.floor(value / 128)) {
      base128.unshift((value % 128) | (base128.length ? 0x80 : 0));
      if (value < 128) break;
    }
    body.push(...base128);
  }
  return tlv(0x06, Buffer.from(body));
}
