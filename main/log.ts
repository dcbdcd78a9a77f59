/**
 * Diagnostics go through here so secrets cannot reach a log: known secrets are registered by the
 * services that hold them, and token-shaped strings are masked even when nobody registered them.
 */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  /** Masks this value in every later line (access and refresh tokens, keys, passphrases). */
  registerSecret(value: string): void;
}

const tokenShapes = [
  /00D[A-Za-z0-9]{12,15}![A-Za-z0-9._-]{20,}/g, // Salesforce opaque session ids
  /(Bearer\s+)[A-Za-z0-9._~+/=!-]{16,}/gi,
  /((?:access_token|refresh_token|assertion|client_secret|code_verifier|token)=)[^&\s"]+/gi,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g,
];

export function redact(text: string, secrets: ReadonlySet<string>): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 8) out = out.split(secret).join('[redacted]');
  for (const shape of tokenShapes)
    out = out.replace(shape, (_m, prefix: unknown) => `${typeof prefix === 'string' ? prefix : ''}[redacted]`);
  return out;
}

export type LogLine = { level: 'info' | 'warn' | 'error'; message: string };

export function createLogger(write: (line: LogLine) => void): Logger {
  const secrets = new Set<string>();
  const emit = (level: LogLine['level']) => (message: string, fields?: Record<string, unknown>) => {
    const text = fields ? `${message} ${JSON.stringify(fields)}` : message;
    write({ level, message: redact(text, secrets) });
  };
  return {
    info: emit('info'),
    warn: emit('warn'),
    error: emit('error'),
    registerSecret: (value) => void secrets.add(value),
  };
}

export function consoleLogger(): Logger {
  return createLogger(({ level, message }) => {
    process.stderr.write(`[${level}] ${message}\n`);
  });
}
