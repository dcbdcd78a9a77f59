import { describe, expect, it } from 'vitest';
import { defaultSettings, type Handlers } from '../common';
import { firstLookOf, indexHtmlFor } from './renderer-index';

const built = [
  '<!doctype html>',
  '<html lang="en">',
  '  <head><title>Agent Connections</title></head>',
  '  <body>',
  '    <div id="root" data-prerendered="en light"><header><nav><button>Connectors</button></nav></header><main><div><h1>Connectors</h1></div></main></div>',
  '  </body>',
  '</html>',
].join('\n');

describe('indexHtmlFor', () => {
  it('keeps the pre-rendered screen where it looks as the first render will, and names the look on <html>', () => {
    const served = indexHtmlFor(built, { language: 'en', theme: 'system' });
    expect(served).toContain('<html lang="en" data-language="en" data-theme="system">');
    expect(served).toContain('<h1>Connectors</h1>');
    expect(indexHtmlFor(built, { language: 'en', theme: 'light' })).toContain('<h1>Connectors</h1>');
  });

  it('serves an empty root when the admin works in Swedish, so English never shows first', () => {
    const served = indexHtmlFor(built, { language: 'sv', theme: 'system' });
    expect(served).toContain('<html lang="sv" data-language="sv" data-theme="system">');
    expect(served).toContain('<div id="root"></div>\n  </body>');
    expect(served).not.toContain('Connectors');
    expect(served).toContain('<title>Agent Connections</title>');
  });

  it('serves an empty root when the saved theme is dark, so the light shell never flashes', () => {
    expect(indexHtmlFor(built, { language: 'en', theme: 'dark' })).not.toContain('Connectors');
  });

  it('leaves a page without a pre-rendered screen as it is, apart from <html>', () => {
    const plain = '<html lang="en"><body><div id="root"></div></body></html>';
    expect(indexHtmlFor(plain, { language: 'sv', theme: 'dark' })).toBe(
      '<html lang="sv" data-language="sv" data-theme="dark"><body><div id="root"></div></body></html>',
    );
  });
});

describe('firstLookOf', () => {
  const handlersWith = (language: 'system' | 'en' | 'sv', locale: string) =>
    ({
      'settings.get': () => Promise.resolve({ ...defaultSettings, language, theme: 'dark' as const }),
      'app.info': () =>
        Promise.resolve({ name: 'Agent Connections', version: '0.1.0', platform: 'linux', locale, host: 'browser' as const }),
    }) as Pick<Handlers, 'settings.get' | 'app.info'>;

  it('takes the saved language, and main\'s locale for "system"', async () => {
    expect(await firstLookOf(handlersWith('sv', 'en-US'))).toEqual({ language: 'sv', theme: 'dark' });
    expect(await firstLookOf(handlersWith('system', 'sv-SE'))).toEqual({ language: 'sv', theme: 'dark' });
    expect(await firstLookOf(handlersWith('system', 'de-DE'))).toEqual({ language: 'en', theme: 'dark' });
  });
});
