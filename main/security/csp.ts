/**
 * The renderer talks only to main (IPC) or to its own origin (browser mode), so it needs no
 * network of its own. Emotion injects <style> tags, hence 'unsafe-inline' for styles only.
 */
export function contentSecurityPolicy(connectSrc: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src ${connectSrc}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export const desktopCsp = contentSecurityPolicy("'none'");
