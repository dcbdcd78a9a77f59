import { describe, expect, it } from 'vitest';
import { resolveStaticFile } from './static-files';

describe('static file resolution', () => {
  it('serves index.html for the root and files under the root', () => {
    expect(resolveStaticFile('/srv/renderer', '/')).toBe('/srv/renderer/index.html');
    expect(resolveStaticFile('/srv/renderer', '/assets/index-abc.js?v=1')).toBe('/srv/renderer/assets/index-abc.js');
  });

  it.each(['/../package.json', '/%2e%2e/%2e%2e/etc/passwd', '/assets/..%2f..%2fmain.js', '/a\\..\\b', '/x%00.js', '/%E0%A4%A'])(
    'refuses %s',
    (path) => expect(resolveStaticFile('/srv/renderer', path)).toBeNull(),
  );
});
